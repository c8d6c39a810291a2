package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeBudgetTest {

    @Test
    void shouldDeriveTopicAndProducerLimitsFromTheEventLimit() {
        SizeBudget budget = SizeBudget.fromEnvironment(name -> null);

        assertThat(budget.eventMaxBytes()).isEqualTo(1_048_576);
        assertThat(budget.recordMaxBytes()).isEqualTo(1_048_576 + 65_536);
        assertThat(budget.producerMaxRequestSize()).isEqualTo(budget.recordMaxBytes());
        assertThat(budget.topicConfigs()).containsEntry("max.message.bytes", "1114112");
        assertThat(budget.rejectionValueMaxBytes()).isGreaterThan(budget.eventMaxBytes())
                .isLessThan(budget.recordMaxBytes());
    }

    @Test
    void shouldReadEventMaxBytesWhenSet() {
        SizeBudget budget = SizeBudget.fromEnvironment(Map.of("EVENT_MAX_BYTES", " 2097152 ")::get);

        assertThat(budget.recordMaxBytes()).isEqualTo(2_097_152 + 65_536);
        assertThat(budget.allowsEvent(2_097_152)).isTrue();
        assertThat(budget.allowsEvent(2_097_153)).isFalse();
    }

    @Test
    void shouldNameTheVariableWhenTheValueIsWrong() {
        assertThatThrownBy(() -> SizeBudget.fromEnvironment(Map.of("EVENT_MAX_BYTES", "1MB")::get))
                .hasMessageContaining("EVENT_MAX_BYTES must be an integer");
        assertThatThrownBy(() -> SizeBudget.fromEnvironment(Map.of("EVENT_MAX_BYTES", "10")::get))
                .hasMessageContaining("EVENT_MAX_BYTES must be between");
    }

    @Test
    void shouldNameTheTopicAndTheCommandWhenATopicAllowsLess() {
        String problem = TopicProvisioner.problem("events.rejected", 1_048_588, SizeBudget.DEFAULT);

        assertThat(problem).contains("events.rejected", "1048588", "1114112", "EVENT_MAX_BYTES",
                "kafka-configs.sh", "--entity-name events.rejected --add-config max.message.bytes=1114112");
    }
}
