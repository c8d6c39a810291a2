package io.eventpipeline.ingest.config;

import io.eventpipeline.ingest.api.IngestHandler;
import io.eventpipeline.access.AccessSettings;
import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.KeyChanges;
import io.eventpipeline.access.RedisKeyChanges;
import io.eventpipeline.ingest.idempotency.IdempotencyGuard;
import io.eventpipeline.ingest.idempotency.RedisIdempotencyStore;
import io.eventpipeline.ingest.limits.RateLimiter;
import io.eventpipeline.ingest.publish.EventPublisher;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.schemas.config.Variables;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
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
        IngestConfig config = IngestConfig.from(env);
        log.info("ingest-api starting with {}", config);
        return config;
    }

    @Bean
    CircuitBreaker redisCircuitBreaker(IngestConfig config, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(config.redisBreakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        CircuitBreaker breaker = registry.circuitBreaker("redis-idempotency");
        breaker.getEventPublisher().onStateTransition(e -> log.warn("Redis circuit breaker: {}", e.getStateTransition()));
        return breaker;
    }

    @Bean(destroyMethod = "close")
    RedisIdempotencyStore redisIdempotencyStore(IngestConfig config, CircuitBreaker redisCircuitBreaker, MeterRegistry meters) {
        return new RedisIdempotencyStore(config.redisUrl(), config.redisTimeout(), redisCircuitBreaker, meters);
    }

    @Bean
    IdempotencyGuard idempotencyGuard(IngestConfig config, RedisIdempotencyStore store, MeterRegistry meters) {
        return new IdempotencyGuard(store, config.idempotencyTtl(), config.inProgressTtl(),
                config.localReplayMaxEntries(), config.effectiveLocalReplayTtl(), meters);
    }

    @Bean(destroyMethod = "close")
    EventPublisher eventPublisher(IngestConfig config, MeterRegistry meters) {
        TopicProvisioner.ensureTopics(config.kafkaBootstrapServers(), config.topicPrefix(), config.topicPartitions(),
                config.topicReplicationFactor());
        return new EventPublisher(config, meters);
    }

    @Bean(destroyMethod = "close")
    KeyChanges keyChanges(IngestConfig config) {
        return new RedisKeyChanges(new RedisUrl(config.redisUrl()), config.topicPrefix(), config.redisTimeout());
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

    @Bean
    RateLimiter rateLimiter(IngestConfig config) {
        return new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
    }

    @Bean
    IngestHandler ingestHandler(IngestConfig config, Authenticator authenticator, RateLimiter rateLimiter,
            IdempotencyGuard guard, EventPublisher publisher) {
        return new IngestHandler(config, authenticator, rateLimiter, guard, publisher);
    }
}
