package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadSettingsTest {

    /** The values of read-api.yml's defaults, as Spring resolves them. */
    static Map<String, String> defaults() {
        Map<String, String> p = new HashMap<>();
        p.put("read.kafka-bootstrap-servers", "localhost:9092");
        p.put("read.topic-prefix", "");
        p.put("read.topic-partitions", "6");
        p.put("read.topic-replication-factor", "1");
        p.put("read.database.url", "jdbc:postgresql://localhost:5432/postgres");
        p.put("read.database.read-url", "");
        p.put("read.database.analytics-url", "");
        p.put("read.database.user", "postgres");
        p.put("read.database.password", "s3cret");
        p.put("read.pools.read-size", "10");
        p.put("read.pools.read-connection-timeout", "2s");
        p.put("read.pools.analytics-size", "2");
        p.put("read.pools.analytics-connection-timeout", "5s");
        p.put("read.pools.analytics-statement-timeout", "30s");
        p.put("read.redis.url", "redis://:hunter2@localhost:6379");
        p.put("read.redis.timeout", "250ms");
        p.put("read.cache.key-prefix", "read:");
        p.put("read.cache.l1-max-entries", "10000");
        p.put("read.cache.l1-ttl", "5s");
        p.put("read.cache.l2-ttl", "10m");
        p.put("read.cache.warm-aggregates", "1000");
        p.put("read.http.cache-max-age", "0s");
        return p;
    }

    @Test
    void shouldUseDatabaseUrlForBothPoolsWhenNoOverrideIsSet() {
        ReadSettings settings = ReadSettings.from(defaults()::get);

        assertThat(settings.readDatabaseUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(settings.analyticsDatabaseUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(settings.l2Ttl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldUseThePerPoolUrlsWhenReplicasAreConfigured() {
        Map<String, String> p = defaults();
        p.put("read.database.read-url", "jdbc:postgresql://replica-1:5432/events");
        p.put("read.database.analytics-url", "jdbc:postgresql://replica-2:5432/events");

        ReadSettings settings = ReadSettings.from(p::get);

        assertThat(settings.readDatabaseUrl()).isEqualTo("jdbc:postgresql://replica-1:5432/events");
        assertThat(settings.analyticsDatabaseUrl()).isEqualTo("jdbc:postgresql://replica-2:5432/events");
    }

    @Test
    void shouldNeverPrintSecretsWhenLogged() {
        Map<String, String> p = defaults();
        p.put("read.database.url", "jdbc:postgresql://db:5432/events?password=urlsecret");

        String printed = ReadSettings.from(p::get).toString();

        assertThat(printed).doesNotContain("s3cret", "hunter2", "urlsecret").contains("db:5432/events");
    }

    @Test
    void shouldNameTheVariableWhenAValueIsInvalid() {
        assertThatThrownBy(() -> ReadSettings.from(with("read.pools.read-size", "0")::get))
                .hasMessage("READ_POOL_SIZE must be >= 1");
        assertThatThrownBy(() -> ReadSettings.from(with("read.cache.l1-ttl", "soon")::get))
                .hasMessageStartingWith("CACHE_L1_TTL must be a duration");
        assertThatThrownBy(() -> ReadSettings.from(with("read.redis.url", "localhost:6379")::get))
                .hasMessageStartingWith("REDIS_URL");
        assertThatThrownBy(() -> ReadSettings.from(with("read.database.analytics-url", "postgres://x")::get))
                .hasMessageStartingWith("ANALYTICS_DATABASE_URL");
        assertThatThrownBy(() -> ReadSettings.from(with("read.topic-partitions", "six")::get))
                .hasMessageStartingWith("TOPIC_PARTITIONS must be an integer");
        assertThatThrownBy(() -> ReadSettings.from(with("read.cache.warm-aggregates", "-1")::get))
                .hasMessage("CACHE_WARM_AGGREGATES must be >= 0");
        assertThatThrownBy(() -> ReadSettings.from(with("read.cache.l2-ttl", "500ms")::get))
                .hasMessage("CACHE_L2_TTL must be >= 1s");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> p = defaults();
        p.put(key, value);
        return p;
    }
}
