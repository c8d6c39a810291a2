package io.eventpipeline.read.config;

import io.eventpipeline.access.AccessSettings;
import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.KeyChanges;
import io.eventpipeline.access.RedisKeyChanges;
import io.eventpipeline.schemas.config.Variables;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * API keys as every service checks them (the shared {@code access} module): looked up on the read pool
 * through a cache that key changes broadcast on Redis keep current ({@code <TOPIC_PREFIX>api-keys.changed},
 * the channel the ingest-api and the {@code keys} command announce on), so a revoked key stops reading
 * within about a second on every instance.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean(destroyMethod = "close")
    KeyChanges keyChanges(ReadSettings settings) {
        return new RedisKeyChanges(settings.cache().redisUrl(), settings.kafka().topicPrefix(), settings.cache().redisTimeout());
    }

    @Bean
    ApiKeyStore apiKeyStore(@Qualifier("readDsl") DSLContext readDsl, KeyChanges changes, MeterRegistry registry) {
        return new ApiKeyStore(readDsl, changes, registry);
    }

    @Bean
    Authenticator authenticator(ApiKeyStore store, KeyChanges changes, Environment environment, MeterRegistry registry) {
        return new Authenticator(store, changes, AccessSettings.from(Variables.of(environment::getProperty)), registry);
    }
}
