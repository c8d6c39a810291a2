package io.eventpipeline.projection.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterStatusTest {

    private static final Duration STALL = Duration.ofSeconds(30);

    @Test
    void shouldBeReadyOnlyWhenPollingUnpausedAndNoPartitionIsStopped() {
        assertThat(new WriterStatus(Duration.ofSeconds(1), null, Map.of(), 3).isReady(STALL)).isTrue();

        assertThat(new WriterStatus(null, null, Map.of(), 0).isReady(STALL)).as("before the first poll").isFalse();
        assertThat(new WriterStatus(Duration.ofSeconds(31), null, Map.of(), 3).isReady(STALL)).as("stalled").isFalse();
        assertThat(new WriterStatus(Duration.ofSeconds(1), "db down", Map.of(), 3).isReady(STALL)).as("paused").isFalse();
        assertThat(new WriterStatus(Duration.ofSeconds(1), null, Map.of("events.log-0", "lost"), 2).isReady(STALL))
                .as("a stopped partition").isFalse();
    }
}
