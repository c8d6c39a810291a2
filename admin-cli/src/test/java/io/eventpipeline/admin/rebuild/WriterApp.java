package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.projection.ProjectionWriterApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The real projection-writer service on the fixture's topics and database, configured only by its variables. */
final class WriterApp implements AutoCloseable {

    static final String GROUP = "rebuild-it-writer";

    private final ConfigurableApplicationContext context;

    WriterApp(PipelineFixture pipeline, int partitions) {
        Map<String, Object> env = new HashMap<>(pipeline.environment());
        env.put("HTTP_PORT", "0");
        env.put("TOPIC_PARTITIONS", String.valueOf(partitions));
        env.put("WRITER_GROUP_ID", GROUP);
        env.put("INVALIDATION_SWEEP_INTERVAL", "PT1S");
        context = ProjectionWriterApplication.builder().properties(env).run();
    }

    @Override
    public void close() {
        context.close();
    }
}
