package io.eventpipeline.admin.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RebuildScopeTest {

    @Test
    void shouldReadEveryEventOfTheChosenIdsWhenAggregatesAreGiven() {
        RebuildScope scope = new RebuildScope("p1", List.of("order/o-1", "memory/m-1"));

        assertThat(scope.includes(event("p1", "order", "o-1"))).isTrue();
        assertThat(scope.includes(event("p1", "note", "m-1"))).as("another type with a chosen id: its memory rows").isTrue();
        assertThat(scope.includes(event("p1", "order", "o-2"))).isFalse();
        assertThat(scope.includes(event("p2", "order", "o-1"))).as("another producer's o-1 is another aggregate").isFalse();
        assertThat(scope.keysArgument()).containsExactly("order/o-1", "memory/m-1");
        assertThat(scope.idsArgument()).containsExactly("o-1", "m-1");
    }

    @Test
    void shouldIncludeEverythingWhenNoProducerIsGiven() {
        RebuildScope scope = new RebuildScope(null, List.of());

        assertThat(scope.all()).isTrue();
        assertThat(scope.includes(event("p9", "order", "o-1"))).isTrue();
        assertThat(scope.keysArgument()).isNull();
    }

    @Test
    void shouldRefuseAggregatesWithoutAProducerOrWithoutATypeWhenParsed() {
        assertThatThrownBy(() -> new RebuildScope(null, List.of("order/o-1"))).hasMessageContaining("--aggregate needs --producer");
        assertThatThrownBy(() -> new RebuildScope("p1", List.of("o-1"))).hasMessageContaining("type/id");
        assertThatThrownBy(() -> new RebuildScope("p 1", List.of())).hasMessageContaining("--producer");
    }

    private static EventEnvelope event(String producer, String type, String id) {
        Instant now = Instant.now();
        return new EventEnvelope(UUID.randomUUID(), type, id, type + ".changed", now, "{}", null, producer, null, now, null, 1L);
    }
}
