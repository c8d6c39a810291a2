package io.eventpipeline.local;

import io.eventpipeline.ingest.IngestApiApplication;
import io.eventpipeline.processor.StreamProcessorApplication;
import io.eventpipeline.projection.ProjectionWriterApplication;
import io.eventpipeline.read.ReadApiApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services running in this JVM, each in its own Spring context with its own port, against the
 * servers described by {@code serverEnvironment}: ingest-api, stream-processor, projection-writer and
 * the read-api. Closing stops them in the order that loses nothing: ingest first (no new requests),
 * then the processor, then the writer, then the read side.
 */
public final class LocalPipeline implements AutoCloseable {

    /** Override key naming the ingest-api's management port for {@code ./run} (9080 by default). */
    public static final String INGEST_MANAGEMENT_PORT = "INGEST_MANAGEMENT_PORT";

    private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

    /**
     * @param ingestPort    HTTP port of the ingest-api (0 = any free port)
     * @param processorPort actuator port of the stream-processor
     * @param writerPort    actuator port of the projection-writer
     * @param topicPrefix   prefix for every topic name (empty in the embedded default)
     * @param stateDir      where Kafka Streams keeps its state stores
     * @param apiKey        a producer API key the ingest-api makes sure exists
     * @param producerId    the producer that key belongs to
     * @param readPort      HTTP port of the read-api (the API only)
     * @param readManagementPort actuator port of the read-api
     * @param overrides     further variables for every service (e.g. {@code BLOOM_ENABLED})
     */
    public record Options(int ingestPort, int processorPort, int writerPort, int readPort, int readManagementPort,
            String topicPrefix, Path stateDir, String apiKey, String producerId, Map<String, String> overrides) {

        public Options {
            overrides = Map.copyOf(overrides);
        }
    }

    private final ConfigurableApplicationContext writer;
    private final ConfigurableApplicationContext read;
    private final ConfigurableApplicationContext processor;
    private final ConfigurableApplicationContext ingest;

    private LocalPipeline(ConfigurableApplicationContext writer, ConfigurableApplicationContext read,
            ConfigurableApplicationContext processor, ConfigurableApplicationContext ingest) {
        this.writer = writer;
        this.read = read;
        this.processor = processor;
        this.ingest = ingest;
    }

    /**
     * Starts the writer (it migrates the database), the read-api, the processor, then the ingest-api;
     * on failure stops what started.
     */
    public static LocalPipeline start(Map<String, String> serverEnvironment, Options options) {
        Map<String, String> common = new LinkedHashMap<>(serverEnvironment);
        common.put("TOPIC_PREFIX", options.topicPrefix());
        common.putAll(options.overrides());
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            var writer = run(started, ProjectionWriterApplication::builder, common,
                    Map.of("HTTP_PORT", String.valueOf(options.writerPort())));
            var read = run(started, ReadApiApplication::builder, common,
                    Map.of("HTTP_PORT", String.valueOf(options.readPort()),
                            "MANAGEMENT_PORT", String.valueOf(options.readManagementPort())));
            var processor = run(started, StreamProcessorApplication::builder, common,
                    Map.of("HTTP_PORT", String.valueOf(options.processorPort()),
                            "STREAMS_STATE_DIR", options.stateDir().toAbsolutePath().toString()));
            var ingest = run(started, IngestApiApplication::builder, common,
                    Map.of("HTTP_PORT", String.valueOf(options.ingestPort()),
                            "MANAGEMENT_PORT", ingestManagementPort(options),
                            "INGEST_BOOTSTRAP_API_KEY", options.apiKey(),
                            "INGEST_BOOTSTRAP_PRODUCER", options.producerId()));
            return new LocalPipeline(writer, read, processor, ingest);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            throw e;
        }
    }

    public int ingestPort() {
        return portOf(ingest);
    }

    /** The ingest-api's actuator port (its HTTP port serves the API only). */
    public int ingestManagementPort() {
        return portOf(ingest, "local.management.port");
    }

    /** {@code INGEST_MANAGEMENT_PORT} from the overrides; any free port when the ingest port is too. */
    private static String ingestManagementPort(Options options) {
        return options.overrides().getOrDefault(INGEST_MANAGEMENT_PORT, options.ingestPort() == 0 ? "0" : "9080");
    }

    public int processorPort() {
        return portOf(processor);
    }

    public int writerPort() {
        return portOf(writer);
    }

    public int readPort() {
        return portOf(read);
    }

    /** The read-api's actuator port (its HTTP port serves the API only). */
    public int readManagementPort() {
        return portOf(read, "local.management.port");
    }

    /** The ports serving /actuator/prometheus, one per service. */
    public List<Integer> actuatorPorts() {
        return List.of(ingestManagementPort(), processorPort(), writerPort(), readManagementPort());
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : List.of(ingest, processor, writer, read)) {
            try {
                context.close();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed", context.getId(), e);
            }
        }
    }

    /**
     * Variables go in as command-line arguments, the highest-precedence property source: a variable the
     * shell exports (say HTTP_PORT) must not give all three services the same port.
     */
    private static ConfigurableApplicationContext run(List<ConfigurableApplicationContext> started,
            Supplier<SpringApplicationBuilder> builder, Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(own);
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = builder.get().registerShutdownHook(false).run(args);
        started.add(context);
        return context;
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return portOf(context, "local.server.port");
    }

    private static int portOf(ConfigurableApplicationContext context, String property) {
        Integer port = context.getEnvironment().getProperty(property, Integer.class);
        if (port == null) {
            throw new IllegalStateException(context.getId() + " has no " + property);
        }
        return port;
    }
}
