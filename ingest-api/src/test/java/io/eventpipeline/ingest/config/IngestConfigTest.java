package io.eventpipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class IngestConfigTest {

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        IngestConfig config = IngestConfig.from(new MockEnvironment());

        assertThat(config.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.inProgressTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxBatchEvents()).isEqualTo(500);
        assertThat(config.maxBatchBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.topicPartitions()).isEqualTo(6);
    }

    @Test
    void shouldNameTheVariableWhenAValueIsInvalid() {
        assertThatThrownBy(() -> IngestConfig.from(new MockEnvironment().withProperty("IDEMPOTENCY_TTL", "soon")))
                .hasMessageContaining("IDEMPOTENCY_TTL");
        assertThatThrownBy(() -> IngestConfig.from(new MockEnvironment().withProperty("MAX_BATCH_EVENTS", "0")))
                .hasMessageContaining("MAX_BATCH_EVENTS");
        assertThatThrownBy(() -> IngestConfig.from(new MockEnvironment().withProperty("REDIS_URL", "localhost")))
                .hasMessageContaining("REDIS_URL");
    }

    @Test
    void shouldNeverPrintTheBootstrapKey() {
        IngestConfig config = IngestConfig.from(new MockEnvironment().withProperty("INGEST_BOOTSTRAP_API_KEY", "ik_super-secret-value-123"));

        assertThat(config.toString()).doesNotContain("super-secret");
        assertThat(config.effectiveLocalReplayTtl()).isLessThanOrEqualTo(config.idempotencyTtl());
    }
}
