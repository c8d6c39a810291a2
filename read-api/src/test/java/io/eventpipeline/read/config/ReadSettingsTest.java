package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadSettingsTest {

    @Test
    void shouldTakeTheReadmeDefaultsWhenNothingIsSet() {
        ReadSettings settings = settings(Map.of());

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.readPool().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(settings.readPool().size()).isEqualTo(10);
        assertThat(settings.analyticsPool().statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.cache().keyPrefix()).isEqualTo("read:");
        assertThat(settings.cache().l2Ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.http().port()).isEqualTo(8083);
        assertThat(settings.http().managementPort()).isEqualTo(9083);
        assertThat(settings.http().cacheMaxAge()).isZero();
    }

    @Test
    void shouldUseThePerPoolUrlsWhenReplicasAreConfigured() {
        ReadSettings settings = settings(Map.of("DATABASE_URL", "jdbc:postgresql://primary:5432/events",
                "READ_DATABASE_URL", "jdbc:postgresql://replica-1:5432/events"));

        assertThat(settings.readPool().jdbcUrl()).isEqualTo("jdbc:postgresql://replica-1:5432/events");
        assertThat(settings.analyticsPool().jdbcUrl()).isEqualTo("jdbc:postgresql://primary:5432/events");
    }

    @Test
    void shouldNeverPrintSecretsWhenLogged() {
        String printed = settings(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/events?password=urlsecret",
                "DATABASE_PASSWORD", "s3cret", "REDIS_URL", "redis://:hunter2@localhost:6379")).toString();

        assertThat(printed).doesNotContain("s3cret", "hunter2", "urlsecret").contains("db:5432/events");
    }

    @Test
    void shouldNameTheVariableWhenAValueIsInvalid() {
        assertThatThrownBy(() -> settings(Map.of("READ_POOL_SIZE", "0"))).hasMessage("READ_POOL_SIZE must be >= 1");
        assertThatThrownBy(() -> settings(Map.of("CACHE_L1_TTL", "soon"))).hasMessageStartingWith("CACHE_L1_TTL must be a duration");
        assertThatThrownBy(() -> settings(Map.of("REDIS_URL", "localhost:6379"))).hasMessageStartingWith("REDIS_URL");
        assertThatThrownBy(() -> settings(Map.of("ANALYTICS_DATABASE_URL", "postgres://x")))
                .hasMessageStartingWith("ANALYTICS_DATABASE_URL");
        assertThatThrownBy(() -> settings(Map.of("TOPIC_PARTITIONS", "six")))
                .hasMessageStartingWith("TOPIC_PARTITIONS must be an integer");
        assertThatThrownBy(() -> settings(Map.of("CACHE_WARM_AGGREGATES", "-1"))).hasMessage("CACHE_WARM_AGGREGATES must be >= 0");
        assertThatThrownBy(() -> settings(Map.of("CACHE_L2_TTL", "500ms"))).hasMessage("CACHE_L2_TTL must be >= 1s");
        assertThatThrownBy(() -> settings(Map.of("HTTP_CACHE_MAX_AGE", "-1s"))).hasMessage("HTTP_CACHE_MAX_AGE must be >= 0s");
    }

    @Test
    void shouldRefuseToServeActuatorOnThePublicPortWhenBothPortsAreOne() {
        assertThatThrownBy(() -> settings(Map.of("HTTP_PORT", "8083", "MANAGEMENT_PORT", "8083")))
                .hasMessageStartingWith("MANAGEMENT_PORT must differ from HTTP_PORT (8083)");
        assertThat(settings(Map.of("HTTP_PORT", "0", "MANAGEMENT_PORT", "0")).http().managementPort())
                .as("two free ports, as the tests ask for").isZero();
    }

    static ReadSettings settings(Map<String, String> variables) {
        return ReadSettings.from(Variables.of(new HashMap<>(variables)));
    }
}
