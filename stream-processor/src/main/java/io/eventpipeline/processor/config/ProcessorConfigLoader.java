package io.eventpipeline.processor.config;

import io.eventpipeline.processor.health.HealthSettings;
import io.eventpipeline.schemas.SizeBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads {@link ProcessorConfig} from variables named as in the environment ({@code STREAM_THREADS},
 * ...); a value that does not parse fails with the variable's name. Missing values take the defaults
 * below, which {@code stream-processor.properties} repeats for operators.
 */
public final class ProcessorConfigLoader {

    private ProcessorConfigLoader() {
    }

    public static ProcessorConfig load(Function<String, String> variables) {
        Reader r = new Reader(variables);
        BloomSettings bloom = new BloomSettings(
                r.bool("BLOOM_ENABLED", BloomSettings.DEFAULTS.enabled()),
                r.integer("BLOOM_EXPECTED_INSERTIONS", BloomSettings.DEFAULTS.expectedPerGeneration()),
                r.decimal("BLOOM_FPP", BloomSettings.DEFAULTS.falsePositiveRate()),
                r.integer("BLOOM_GENERATIONS", BloomSettings.DEFAULTS.generations()));
        return new ProcessorConfig(
                r.text("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                r.text("TOPIC_PREFIX", ""),
                r.integer("TOPIC_PARTITIONS", 6),
                (short) r.integer("TOPIC_REPLICATION_FACTOR", 1),
                r.text("PROCESSOR_APPLICATION_ID", ProcessorConfig.DEFAULT_APPLICATION_ID),
                Path.of(r.text("STREAMS_STATE_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "event-pipeline-processor").toString())),
                r.integer("STREAM_THREADS", ProcessorConfig.DEFAULT_STREAM_THREADS),
                r.integer("STANDBY_REPLICAS", 0),
                r.duration("DEDUP_RETENTION", ProcessorConfig.DEFAULT_RETENTION),
                bloom,
                r.duration("COMMIT_INTERVAL", Duration.ofMillis(100)),
                r.integer("MAX_THREAD_REPLACEMENTS", 3),
                r.duration("THREAD_REPLACEMENT_WINDOW", Duration.ofMinutes(10)),
                SizeBudget.fromEnvironment(variables),
                new HealthSettings(r.duration("HEALTH_THREAD_FAILURE_WINDOW", HealthSettings.DEFAULTS.threadFailureWindow()),
                        r.duration("HEALTH_STALL_WINDOW", HealthSettings.DEFAULTS.stallWindow()),
                        r.duration("HEALTH_CHECK_INTERVAL", HealthSettings.DEFAULTS.checkInterval())),
                r.integer("PROCESSOR_SHARDS", ProcessorConfig.DEFAULT_SHARDS),
                r.duration("METADATA_MAX_AGE", ProcessorConfig.DEFAULT_METADATA_MAX_AGE));
    }

    private record Reader(Function<String, String> variables) {

        String text(String name, String fallback) {
            String value = variables.apply(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        int integer(String name, int fallback) {
            String value = text(name, null);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
            }
        }

        double decimal(String name, double fallback) {
            String value = text(name, null);
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
            }
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
            };
        }

        Duration duration(String name, Duration fallback) {
            String value = text(name, null);
            try {
                return value == null ? fallback : Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P7D or PT10M, got '"
                        + value + "'", e);
            }
        }
    }
}
