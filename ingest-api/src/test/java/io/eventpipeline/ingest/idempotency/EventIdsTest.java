package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldMatchRfcUuidV5WhenGivenTheDnsNamespace() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        UUID id = EventIds.uuidV5(dns, "python.org");

        assertThat(id).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void shouldBeStableForSameProducerKeyAndIndex() {
        assertThat(EventIds.of("p", "k", 3)).isEqualTo(EventIds.of("p", "k", 3));
    }

    @Test
    void shouldDifferWhenProducerKeyOrIndexDiffers() {
        UUID base = EventIds.of("p", "k", 0);

        assertThat(EventIds.of("q", "k", 0)).isNotEqualTo(base);
        assertThat(EventIds.of("p", "k2", 0)).isNotEqualTo(base);
        assertThat(EventIds.of("p", "k", 1)).isNotEqualTo(base);
        // Length prefixes keep "ab"+"c" and "a"+"bc" apart.
        assertThat(EventIds.of("ab", "c", 0)).isNotEqualTo(EventIds.of("a", "bc", 0));
    }
}
