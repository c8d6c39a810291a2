package io.eventpipeline.ingest.config;

import io.eventpipeline.access.Scope;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * Every setting of the ingest-api, read once at startup from environment variables (or properties of the
 * same name) and validated; an invalid value stops the service with a message naming the variable.
 * Durations accept {@code 24h}, {@code 500ms} or ISO-8601 ({@code PT24H}).
 */
public record IngestConfig(
        String kafkaBootstrapServers,
        String topicPrefix,
        int topicPartitions,
        short topicReplicationFactor,
        int kafkaLingerMs,
        int kafkaBatchBytes,
        Duration kafkaDeliveryTimeout,
        String redisUrl,
        Duration redisTimeout,
        Duration redisBreakerOpenDuration,
        Duration idempotencyTtl,
        Duration inProgressTtl,
        long localReplayMaxEntries,
        Duration localReplayTtl,
        int maxBodyBytes,
        int maxBatchBytes,
        int maxBatchEvents,
        double rateLimitPerSecond,
        long rateLimitBurst,
        Duration slowRequestThreshold,
        String bootstrapApiKey,
        String bootstrapProducer,
        Set<Scope> bootstrapScopes) {

    public IngestConfig {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must be set");
        Objects.requireNonNull(topicPrefix, "TOPIC_PREFIX");
        require(topicPartitions > 0, "TOPIC_PARTITIONS must be > 0");
        require(topicReplicationFactor > 0, "TOPIC_REPLICATION_FACTOR must be > 0");
        require(kafkaLingerMs >= 0, "KAFKA_LINGER_MS must be >= 0");
        require(kafkaBatchBytes > 0, "KAFKA_BATCH_SIZE must be > 0");
        require(kafkaDeliveryTimeout.toMillis() >= 1000, "KAFKA_DELIVERY_TIMEOUT must be >= 1s");
        require(redisUrl != null && redisUrl.startsWith("redis"), "REDIS_URL must be a redis:// or rediss:// URL");
        require(redisTimeout.isPositive(), "REDIS_TIMEOUT must be > 0");
        require(redisBreakerOpenDuration.isPositive(), "REDIS_BREAKER_OPEN_DURATION must be > 0");
        require(idempotencyTtl.toMillis() >= 1000, "IDEMPOTENCY_TTL must be >= 1s");
        require(inProgressTtl.toMillis() >= 1000, "IDEMPOTENCY_IN_PROGRESS_TTL must be >= 1s");
        require(localReplayMaxEntries >= 0, "IDEMPOTENCY_LOCAL_CACHE_SIZE must be >= 0");
        require(localReplayTtl.isPositive(), "IDEMPOTENCY_LOCAL_CACHE_TTL must be > 0");
        require(maxBodyBytes > 0, "MAX_BODY_BYTES must be > 0");
        require(maxBatchBytes > 0, "MAX_BATCH_BYTES must be > 0");
        require(maxBatchEvents > 0, "MAX_BATCH_EVENTS must be > 0");
        require(rateLimitPerSecond > 0, "RATE_LIMIT_PER_SECOND must be > 0");
        require(rateLimitBurst > 0, "RATE_LIMIT_BURST must be > 0");
        require(!slowRequestThreshold.isNegative(), "SLOW_REQUEST_THRESHOLD must be >= 0");
        require(bootstrapApiKey == null || bootstrapApiKey.matches("[\\x21-\\x7E]{8,256}"),
                "INGEST_BOOTSTRAP_API_KEY must be 8-256 visible ASCII characters");
        require(bootstrapProducer != null && bootstrapProducer.matches("[A-Za-z0-9._-]{1,64}"),
                "INGEST_BOOTSTRAP_PRODUCER must be 1-64 of [A-Za-z0-9._-]");
    }

    /** Local replays never outlive what Redis would replay. */
    public Duration effectiveLocalReplayTtl() {
        return localReplayTtl.compareTo(idempotencyTtl) < 0 ? localReplayTtl : idempotencyTtl;
    }

    public static IngestConfig from(Environment env) {
        String bootstrapKey = env.getProperty("INGEST_BOOTSTRAP_API_KEY", "");
        return new IngestConfig(
                env.getProperty("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.getProperty("TOPIC_PREFIX", ""),
                integer(env, "TOPIC_PARTITIONS", 6),
                (short) integer(env, "TOPIC_REPLICATION_FACTOR", 1),
                integer(env, "KAFKA_LINGER_MS", 5),
                integer(env, "KAFKA_BATCH_SIZE", 131072),
                duration(env, "KAFKA_DELIVERY_TIMEOUT", "15s"),
                env.getProperty("REDIS_URL", "redis://localhost:6379"),
                duration(env, "REDIS_TIMEOUT", "1s"),
                duration(env, "REDIS_BREAKER_OPEN_DURATION", "5s"),
                duration(env, "IDEMPOTENCY_TTL", "24h"),
                duration(env, "IDEMPOTENCY_IN_PROGRESS_TTL", "60s"),
                longValue(env, "IDEMPOTENCY_LOCAL_CACHE_SIZE", 100_000),
                duration(env, "IDEMPOTENCY_LOCAL_CACHE_TTL", "10m"),
                integer(env, "MAX_BODY_BYTES", 1 << 20),
                integer(env, "MAX_BATCH_BYTES", 5 << 20),
                integer(env, "MAX_BATCH_EVENTS", 500),
                number(env, "RATE_LIMIT_PER_SECOND", 2000),
                longValue(env, "RATE_LIMIT_BURST", 4000),
                duration(env, "SLOW_REQUEST_THRESHOLD", "1s"),
                bootstrapKey.isBlank() ? null : bootstrapKey.strip(),
                env.getProperty("INGEST_BOOTSTRAP_PRODUCER", "local"),
                scopes(env.getProperty("INGEST_BOOTSTRAP_SCOPES", "produce,read")));
    }

    /** Never prints the bootstrap key. */
    @Override
    public String toString() {
        return "IngestConfig[kafka=" + kafkaBootstrapServers + ", topicPrefix=" + topicPrefix + ", redis="
                + redisUrl.replaceAll("//[^@/]*@", "//***@") + ", idempotencyTtl=" + idempotencyTtl
                + ", maxBatchEvents=" + maxBatchEvents + ", rateLimitPerSecond=" + rateLimitPerSecond
                + ", bootstrapKey=" + (bootstrapApiKey == null ? "none" : "***") + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Set<Scope> scopes(String raw) {
        try {
            return Scope.parseList(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("INGEST_BOOTSTRAP_SCOPES: " + e.getMessage(), e);
        }
    }

    private static int integer(Environment env, String name, int fallback) {
        return (int) parse(name, env.getProperty(name), fallback);
    }

    private static long longValue(Environment env, String name, long fallback) {
        return (long) parse(name, env.getProperty(name), fallback);
    }

    private static double number(Environment env, String name, double fallback) {
        String raw = env.getProperty(name);
        try {
            return raw == null || raw.isBlank() ? fallback : Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'", e);
        }
    }

    private static double parse(String name, String raw, double fallback) {
        try {
            return raw == null || raw.isBlank() ? fallback : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'", e);
        }
    }

    private static Duration duration(Environment env, String name, String fallback) {
        String raw = env.getProperty(name, fallback);
        try {
            return DurationStyle.detectAndParse(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration like 24h, 500ms or PT1M, got '" + raw + "'", e);
        }
    }
}
