package io.eventpipeline.local;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The embedded default's settings, from environment variables. Default ports avoid the usual ones
 * (5432, 6379, 9092) so a machine that already runs those servers can still start the pipeline.
 */
record LocalSettings(Path dataDir, int httpPort, int ingestManagementPort, int processorPort, int writerPort, int readPort,
        int readManagementPort, int kafkaPort, int postgresPort, int redisPort, String apiKey, String producerId) {

    static LocalSettings fromEnvironment(Function<String, String> env) {
        return new LocalSettings(
                Path.of(orDefault(env, "PIPELINE_DATA_DIR", "target/pipeline-data")).toAbsolutePath(),
                port(env, "HTTP_PORT", 8080),
                port(env, "INGEST_MANAGEMENT_PORT", 9080),
                port(env, "PROCESSOR_HTTP_PORT", 8081),
                port(env, "WRITER_HTTP_PORT", 8082),
                port(env, "READ_HTTP_PORT", 8083),
                port(env, "READ_MANAGEMENT_PORT", 9083),
                port(env, "KAFKA_PORT", 19092),
                port(env, "POSTGRES_PORT", 15432),
                port(env, "REDIS_PORT", 16379),
                blankToNull(env.apply("INGEST_BOOTSTRAP_API_KEY")),
                orDefault(env, "INGEST_BOOTSTRAP_PRODUCER", "local"));
    }

    private static int port(Function<String, String> env, String name, int fallback) {
        String value = orDefault(env, name, String.valueOf(fallback));
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port number (0-65535), got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), got " + value, e);
        }
    }

    private static String orDefault(Function<String, String> env, String name, String fallback) {
        String value = blankToNull(env.apply(name));
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
