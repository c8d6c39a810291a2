package io.eventpipeline.admin;

import io.eventpipeline.processor.StreamProcessorApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real stream-processor service, configured only by its variables, on the fixture's topics; its management port
 * is also its {@code APPLICATION_SERVER}, so several of them route interactive queries to each other.
 */
public final class ProcessorApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final PipelineFixture pipeline;

    public ProcessorApp(PipelineFixture pipeline) throws IOException {
        this.pipeline = pipeline;
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "processor-state");
        int port = freePort();
        context = StreamProcessorApplication.builder().properties(
                "HTTP_PORT=" + port,
                "APPLICATION_SERVER=127.0.0.1:" + port,
                "KAFKA_BOOTSTRAP_SERVERS=" + pipeline.bootstrap(),
                "TOPIC_PREFIX=" + pipeline.prefix(),
                "TOPIC_PARTITIONS=3",
                "STREAMS_STATE_DIR=" + state.toAbsolutePath(),
                "STREAM_THREADS=1",
                "PROCESSOR_SHARDS=4",
                "METADATA_MAX_AGE=PT2S").run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The processor's internal topics (changelogs, repartition topics) on the broker. */
    public List<String> internalTopics() throws Exception {
        try (Admin admin = pipeline.kafkaAdmin()) {
            return admin.listTopics().names().get().stream().filter(t -> t.startsWith(pipeline.prefix() + "event-pipeline-processor-"))
                    .sorted().toList();
        }
    }

    /** Waits until Kafka Streams has created its internal topics (at its first rebalance). */
    public void awaitInternalTopics() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (internalTopics().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the processor created no internal topics within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
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
