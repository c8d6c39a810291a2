package io.eventpipeline.read.config;

import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.util.Objects;

/**
 * Everything the read-api reads from its environment (variables or {@code --NAME=value} arguments, through the
 * shared reader), validated once at start; a bad value fails the start naming its variable. No secret is ever
 * part of {@link #toString()}.
 *
 * @param kafka the shared Kafka settings ({@code KAFKA_*}, {@code TOPIC_*}): the invalidation listener
 */
public record ReadSettings(KafkaSettings kafka, PoolSettings readPool, PoolSettings analyticsPool, CacheSettings cache,
        HttpSettings http, QuerySettings query) {

    public ReadSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(readPool, "readPool");
        Objects.requireNonNull(analyticsPool, "analyticsPool");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(query, "query");
    }

    /** Reads every variable, with the defaults the module README lists. */
    public static ReadSettings from(Variables v) {
        return new ReadSettings(KafkaSettings.from(v), PoolSettings.read(v), PoolSettings.analytics(v), CacheSettings.from(v),
                HttpSettings.from(v), QuerySettings.from(v));
    }
}
