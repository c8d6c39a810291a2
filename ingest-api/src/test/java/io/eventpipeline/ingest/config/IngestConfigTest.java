package io.eventpipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import io.eventpipeline.schemas.config.Variables;
import java.util.Map;

class IngestConfigTest {

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        IngestConfig config = IngestConfig.from(Variables.of(Map.of()));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.inProgressTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxBatchEvents()).isEqualTo(500);
        assertThat(config.maxBatchBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.kafka().topicPartitions()).isEqualTo(6);
    }

    @Test
    void shouldNameTheVariableWhenAValueIsInvalid() {
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("IDEMPOTENCY_TTL", "soon"))))
                .hasMessageContaining("IDEMPOTENCY_TTL");
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("MAX_BATCH_EVENTS", "0"))))
                .hasMessageContaining("MAX_BATCH_EVENTS");
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("REDIS_URL", "localhost"))))
                .hasMessageContaining("REDIS_URL");
    }

    @Test
    void shouldRefuseLimitsThatContradictTheSizeBudgetOrTheLargestBatch() {
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("EVENT_MAX_BYTES", "100000", "MAX_BODY_BYTES", "200000"))))
                .hasMessageStartingWith("MAX_BODY_BYTES").hasMessageContaining("EVENT_MAX_BYTES");
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("RATE_LIMIT_BURST", "10"))))
                .hasMessageStartingWith("RATE_LIMIT_BURST");
        assertThatThrownBy(() -> IngestConfig.from(Variables.of(Map.of("MAX_IN_FLIGHT_BYTES", "1000"))))
                .hasMessageStartingWith("MAX_IN_FLIGHT_BYTES");
        assertThat(IngestConfig.from(Variables.of(Map.of("EVENT_MAX_BYTES", "100000"))).maxBodyBytes()).isEqualTo(100000);
    }

    @Test
    void shouldNeverPrintTheBootstrapKey() {
        IngestConfig config = IngestConfig.from(Variables.of(Map.of("INGEST_BOOTSTRAP_API_KEY", "ik_super-secret-value-123")));

        assertThat(config.toString()).doesNotContain("super-secret");
        assertThat(config.effectiveLocalReplayTtl()).isLessThanOrEqualTo(config.idempotencyTtl());
    }
}
