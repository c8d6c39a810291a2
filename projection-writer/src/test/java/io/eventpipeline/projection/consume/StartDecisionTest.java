package io.eventpipeline.projection.consume;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StartDecisionTest {

    private static final TopicPartition TP = new TopicPartition("events.log", 2);

    @Test
    void shouldStartAtZeroWhenNothingIsStoredAndTheLogStartsAtZero() {
        assertThat(StartDecision.decide(TP, "g", null, 0, 42)).isInstanceOfSatisfying(StartDecision.Seek.class,
                seek -> assertThat(seek.offset()).isZero());
    }

    @Test
    void shouldReadFromTheStoredOffsetWhenItIsInsideTheLog() {
        assertThat(StartDecision.decide(TP, "g", 17L, 5, 42)).isEqualTo(new StartDecision.Seek(17, "stored in Postgres"));
        assertThat(StartDecision.decide(TP, "g", 42L, 5, 42)).isInstanceOf(StartDecision.Seek.class);
        assertThat(StartDecision.decide(TP, "g", 5L, 5, 42)).isInstanceOf(StartDecision.Seek.class);
    }

    @Test
    void shouldStopNamingTheFixWhenNothingIsStoredButTheLogNoLongerStartsAtZero() {
        StartDecision decision = StartDecision.decide(TP, "g", null, 1234, 2000);

        assertThat(decision).isInstanceOfSatisfying(StartDecision.Stop.class, stop -> {
            assertThat(stop.reason()).isEqualTo(StartDecision.LOG_TRUNCATED);
            assertThat(stop.message()).contains("events.log-2", "records 0..1233 were deleted",
                    "SELECT set_projection_offset('g', 'events.log', 2, 1234)");
        });
    }

    @Test
    void shouldStopWhenTheStoredOffsetIsBehindTheLogStart() {
        assertThat(StartDecision.decide(TP, "g", 100L, 1234, 2000)).isInstanceOfSatisfying(StartDecision.Stop.class,
                stop -> assertThat(stop.message()).contains("records 100..1233", "set_projection_offset('g', 'events.log', 2, 1234)"));
    }

    @Test
    void shouldStopWhenTheStoredOffsetIsPastTheLogEnd() {
        assertThat(StartDecision.decide(TP, "g", 5000L, 0, 10)).isInstanceOfSatisfying(StartDecision.Stop.class,
                stop -> assertThat(stop.reason()).isEqualTo(StartDecision.AHEAD_OF_LOG));
    }
}
