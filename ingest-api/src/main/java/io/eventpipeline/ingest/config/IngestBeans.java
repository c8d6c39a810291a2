package io.eventpipeline.ingest.config;

import io.eventpipeline.access.AccessSettings;
import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.KeyChanges;
import io.eventpipeline.access.RedisKeyChanges;
import io.eventpipeline.ingest.api.ApiSettings;
import io.eventpipeline.ingest.api.IngestHandler;
import io.eventpipeline.ingest.idempotency.IdempotencyGuard;
import io.eventpipeline.ingest.idempotency.RedisIdempotencyStore;
import io.eventpipeline.ingest.limits.InFlightBytes;
import io.eventpipeline.ingest.limits.SharedRateLimiter;
import io.eventpipeline.ingest.publish.EventPublisher;
import io.eventpipeline.ingest.publish.KafkaReadiness;
import io.eventpipeline.ingest.tracing.RecordTracing;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.Variables;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the service from one validated {@link IngestConfig}. */
@Configuration(proxyBeanMethods = false)
class IngestBeans {

    private static final Logger log = LoggerFactory.getLogger(IngestBeans.class);

    @Bean
    IngestConfig ingestConfig(Environment env) {
        IngestConfig config = IngestConfig.from(Variables.of(env::getProperty));
        log.info("ingest-api starting with {}", config);
        return config;
    }

    @Bean
    ApiSettings apiSettings(IngestConfig config) {
        return new ApiSettings(config.maxBodyBytes(), config.maxBatchBytes(), config.maxBatchEvents(),
                config.rateLimitPerSecond(), config.slowRequestThreshold(), config.topicPrefix());
    }

    @Bean(destroyMethod = "close")
    RedisIdempotencyStore redisIdempotencyStore(IngestConfig config, MeterRegistry meters) {
        return new RedisIdempotencyStore(config.redis().value(), config.redisTimeout(),
                RedisBreaker.create("redis-idempotency", config.redisBreakerOpenDuration(), meters), meters);
    }

    @Bean
    IdempotencyGuard idempotencyGuard(IngestConfig config, RedisIdempotencyStore store, MeterRegistry meters) {
        return new IdempotencyGuard(store, config.idempotencyTtl(), config.inProgressTtl(),
                config.localReplayMaxBytes(), config.effectiveLocalReplayTtl(), meters);
    }

    /** The readiness group's {@code kafka} contributor. */
    @Bean(destroyMethod = "close")
    KafkaReadiness kafka(IngestConfig config, MeterRegistry meters) {
        return new KafkaReadiness(config.kafka(), Topics.EVENTS_RAW.prefixed(config.topicPrefix()).name(), meters);
    }

    @Bean(destroyMethod = "close")
    EventPublisher eventPublisher(IngestConfig config, KafkaReadiness kafka, MeterRegistry meters, RecordTracing tracing) {
        TopicProvisioner.ensureTopics(config.kafka(), config.budget());
        return new EventPublisher(config.producerSettings(), kafka, meters, tracing);
    }

    @Bean(destroyMethod = "close")
    KeyChanges keyChanges(IngestConfig config) {
        return new RedisKeyChanges(config.redis(), config.topicPrefix(), config.redisTimeout());
    }

    @Bean
    ApiKeyStore apiKeyStore(DSLContext db, KeyChanges changes, IngestConfig config, MeterRegistry meters) {
        ApiKeyStore store = new ApiKeyStore(db, changes, meters);
        if (config.bootstrapApiKey() != null) {
            switch (store.ensureBootstrap(config.bootstrapProducer(), config.bootstrapApiKey(), config.bootstrapScopes())) {
                case CREATED -> log.info("bootstrap API key created for producer {}", config.bootstrapProducer());
                case PRESENT -> log.info("bootstrap API key present; left as it is");
                case NOT_USABLE -> log.warn("the bootstrap API key (INGEST_BOOTSTRAP_API_KEY) is revoked or expired and "
                        + "stays so; create a new key with 'keys create'");
            }
        }
        return store;
    }

    @Bean
    Authenticator authenticator(ApiKeyStore store, KeyChanges changes, Environment env, MeterRegistry meters) {
        return new Authenticator(store, changes, AccessSettings.from(Variables.of(env::getProperty)), meters);
    }

    @Bean(destroyMethod = "close")
    SharedRateLimiter rateLimiter(IngestConfig config, MeterRegistry meters) {
        return new SharedRateLimiter(new SharedRateLimiter.RateLimit(config.rateLimitPerSecond(), config.rateLimitBurst()),
                config.redis().value(), config.topicPrefix(),
                RedisBreaker.create("redis-rate-limit", config.redisBreakerOpenDuration(), meters), config.redisTimeout(), meters);
    }

    @Bean
    InFlightBytes inFlightBytes(IngestConfig config, MeterRegistry meters) {
        return new InFlightBytes((int) config.maxInFlightBytes(), meters);
    }

    @Bean
    IngestHandler ingestHandler(ApiSettings settings, Authenticator authenticator, SharedRateLimiter rateLimiter,
            InFlightBytes inFlight, IdempotencyGuard guard, EventPublisher publisher) {
        return new IngestHandler(settings, authenticator, rateLimiter, inFlight, guard, publisher);
    }
}
