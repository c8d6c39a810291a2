package io.eventpipeline.admin;

import io.eventpipeline.processor.StreamProcessorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The real stream-processor service, configured only by its variables, on the fixture's topics. */
public final class ProcessorApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    public ProcessorApp(PipelineFixture pipeline) throws IOException {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "processor-state");
        context = StreamProcessorApplication.builder().properties(
                "HTTP_PORT=0",
                "KAFKA_BOOTSTRAP_SERVERS=" + pipeline.bootstrap(),
                "TOPIC_PREFIX=" + pipeline.prefix(),
                "TOPIC_PARTITIONS=3",
                "STREAMS_STATE_DIR=" + state.toAbsolutePath(),
                "STREAM_THREADS=1").run();
    }

    /** The management (actuator) URL, as {@code PROCESSOR_MANAGEMENT_URL}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
