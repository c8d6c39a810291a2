package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalReplaysTest {

    @Test
    void shouldHoldAtMostItsBytesWhateverTheNumberOfAnswers() {
        LocalReplays replays = new LocalReplays(100_000, Duration.ofMinutes(10), new SimpleMeterRegistry());

        for (int i = 0; i < 1_000; i++) {
            replays.remember("idem:k-" + i, new StoredEntry.Completed("f".repeat(64), 202, new byte[10_000]));
        }

        assertThat(replays.heldBytes()).isPositive().isLessThanOrEqualTo(100_000);
        assertThat(LocalReplays.weight("k", new StoredEntry.Completed("f", 202, new byte[50_000])))
                .isGreaterThan(50_000);
    }

    @Test
    void shouldRememberNothingWhenDisabled() {
        LocalReplays replays = new LocalReplays(0, Duration.ofMinutes(10), new SimpleMeterRegistry());

        replays.remember("idem:k", new StoredEntry.Completed("f", 202, new byte[10]));

        assertThat(replays.get("idem:k")).isNull();
    }
}
