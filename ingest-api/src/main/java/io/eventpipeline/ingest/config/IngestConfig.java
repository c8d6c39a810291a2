package io.eventpipeline.ingest.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.access.Scope;
import io.eventpipeline.ingest.publish.ProducerSettings;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.config.InvalidVariableException;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.Set;

/**
 * Every setting of the ingest-api, read once at startup through the shared {@link Variables} reader
 * (docs/decisions.md D6) and validated; an invalid value stops the service with a message that starts with
 * the variable's name. The HTTP limits are checked against the size budget ({@code EVENT_MAX_BYTES}), the
 * rate limit against the largest batch, and the in-flight bound against the largest body.
 */
public record IngestConfig(
        KafkaSettings kafka,
        SizeBudget budget,
        int kafkaLingerMs,
        int kafkaBatchBytes,
        Duration kafkaDeliveryTimeout,
        RedisUrl redis,
        Duration redisTimeout,
        Duration redisBreakerOpenDuration,
        Duration idempotencyTtl,
        Duration inProgressTtl,
        long localReplayMaxBytes,
        Duration localReplayTtl,
        int maxBodyBytes,
        int maxBatchBytes,
        int maxBatchEvents,
        long maxInFlightBytes,
        long rateLimitPerSecond,
        long rateLimitBurst,
        Duration slowRequestThreshold,
        String bootstrapApiKey,
        String bootstrapProducer,
        Set<Scope> bootstrapScopes) {

    public IngestConfig {
        require(kafkaLingerMs >= 0, "KAFKA_LINGER_MS", "must be >= 0");
        require(kafkaBatchBytes > 0 && kafkaBatchBytes <= budget.producerMaxRequestSize(), "KAFKA_BATCH_SIZE",
                "must be > 0 and at most the producer's max.request.size " + budget.producerMaxRequestSize());
        require(kafkaDeliveryTimeout.toMillis() >= 1000, "KAFKA_DELIVERY_TIMEOUT", "must be >= 1s");
        require(redisTimeout.isPositive(), "REDIS_TIMEOUT", "must be > 0");
        require(redisBreakerOpenDuration.isPositive(), "REDIS_BREAKER_OPEN_DURATION", "must be > 0");
        require(idempotencyTtl.toMillis() >= 1000, "IDEMPOTENCY_TTL", "must be >= 1s");
        require(inProgressTtl.toMillis() >= 1000, "IDEMPOTENCY_IN_PROGRESS_TTL", "must be >= 1s");
        require(localReplayMaxBytes >= 0, "IDEMPOTENCY_LOCAL_CACHE_BYTES", "must be >= 0");
        require(localReplayTtl.isPositive(), "IDEMPOTENCY_LOCAL_CACHE_TTL", "must be > 0");
        require(maxBodyBytes > 0 && maxBodyBytes <= budget.eventMaxBytes(), "MAX_BODY_BYTES",
                "must be > 0 and at most EVENT_MAX_BYTES (" + budget.eventMaxBytes() + "): a larger body could never be stored");
        require(maxBatchBytes >= maxBodyBytes, "MAX_BATCH_BYTES", "must be >= MAX_BODY_BYTES");
        require(maxBatchEvents > 0, "MAX_BATCH_EVENTS", "must be > 0");
        require(maxInFlightBytes >= maxBatchBytes && maxInFlightBytes <= Integer.MAX_VALUE, "MAX_IN_FLIGHT_BYTES",
                "must be >= MAX_BATCH_BYTES (" + maxBatchBytes + ") and < 2 GiB");
        require(rateLimitPerSecond > 0, "RATE_LIMIT_PER_SECOND", "must be > 0");
        require(rateLimitBurst >= maxBatchEvents, "RATE_LIMIT_BURST",
                "must be >= MAX_BATCH_EVENTS (" + maxBatchEvents + "), or a full batch could never pass");
        require(!slowRequestThreshold.isNegative(), "SLOW_REQUEST_THRESHOLD", "must be >= 0");
        require(bootstrapApiKey == null || bootstrapApiKey.matches("[\\x21-\\x7E]{8,256}"), "INGEST_BOOTSTRAP_API_KEY",
                "must be 8-256 visible ASCII characters");
        require(bootstrapProducer != null && bootstrapProducer.matches("[A-Za-z0-9._-]{1,64}"), "INGEST_BOOTSTRAP_PRODUCER",
                "must be 1-64 of [A-Za-z0-9._-]");
    }

    public static IngestConfig from(Variables v) {
        SizeBudget budget = budget(v);
        return new IngestConfig(KafkaSettings.from(v), budget,
                v.integer("KAFKA_LINGER_MS", 5),
                v.integer("KAFKA_BATCH_SIZE", 131072),
                v.duration("KAFKA_DELIVERY_TIMEOUT", Duration.ofSeconds(15)),
                RedisUrl.from(v),
                v.duration("REDIS_TIMEOUT", Duration.ofSeconds(1)),
                v.duration("REDIS_BREAKER_OPEN_DURATION", Duration.ofSeconds(5)),
                v.duration("IDEMPOTENCY_TTL", Duration.ofHours(24)),
                v.duration("IDEMPOTENCY_IN_PROGRESS_TTL", Duration.ofSeconds(60)),
                v.longValue("IDEMPOTENCY_LOCAL_CACHE_BYTES", 64L << 20),
                v.duration("IDEMPOTENCY_LOCAL_CACHE_TTL", Duration.ofMinutes(10)),
                v.integer("MAX_BODY_BYTES", budget.eventMaxBytes()),
                v.integer("MAX_BATCH_BYTES", 5 << 20),
                v.integer("MAX_BATCH_EVENTS", 500),
                v.longValue("MAX_IN_FLIGHT_BYTES", 64L << 20),
                v.longValue("RATE_LIMIT_PER_SECOND", 10_000),
                v.longValue("RATE_LIMIT_BURST", 20_000),
                v.duration("SLOW_REQUEST_THRESHOLD", Duration.ofSeconds(1)),
                v.optional("INGEST_BOOTSTRAP_API_KEY").orElse(null),
                v.text("INGEST_BOOTSTRAP_PRODUCER", "local"),
                scopes(v.text("INGEST_BOOTSTRAP_SCOPES", "produce,read")));
    }

    public ProducerSettings producerSettings() {
        return new ProducerSettings(kafka, budget, kafkaLingerMs, kafkaBatchBytes, kafkaDeliveryTimeout);
    }

    public String topicPrefix() {
        return kafka.topicPrefix();
    }

    /** Local replays never outlive what Redis would replay. */
    public Duration effectiveLocalReplayTtl() {
        return localReplayTtl.compareTo(idempotencyTtl) < 0 ? localReplayTtl : idempotencyTtl;
    }

    /** Its message names EVENT_MAX_BYTES when the value is out of range. */
    private static SizeBudget budget(Variables v) {
        return new SizeBudget(v.integer(SizeBudget.VARIABLE, SizeBudget.DEFAULT_EVENT_MAX_BYTES));
    }

    private static Set<Scope> scopes(String raw) {
        try {
            return Scope.parseList(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidVariableException("INGEST_BOOTSTRAP_SCOPES", e.getMessage(), e);
        }
    }

    /** Never prints the bootstrap key or Redis credentials. */
    @Override
    public String toString() {
        return "IngestConfig[" + kafka + ", eventMaxBytes=" + budget.eventMaxBytes() + ", redis=" + redis
                + ", idempotencyTtl=" + idempotencyTtl + ", maxBatchEvents=" + maxBatchEvents + ", rateLimitPerSecond="
                + rateLimitPerSecond + ", bootstrapKey=" + (bootstrapApiKey == null ? "none" : "***") + "]";
    }
}
