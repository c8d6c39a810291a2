package io.eventpipeline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    private final MutableClock clock = new MutableClock();
    private final StreamsHealth health = new StreamsHealth(
            new HealthSettings(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(10)), clock);

    @Test
    void shouldBeReadyOnlyWhileRunning() {
        assertThat(health.readiness().up()).isFalse();

        health.stateChanged(State.RUNNING);
        assertThat(health.readiness().up()).isTrue();

        health.stateChanged(State.REBALANCING);
        assertThat(health.readiness().up()).isFalse();
        assertThat(health.liveness().up()).isTrue();
    }

    @Test
    void shouldNotBeReadyWithinTheWindowAfterAThreadDied() {
        health.stateChanged(State.RUNNING);

        health.threadFailed();
        assertThat(health.readiness().up()).isFalse();
        assertThat(health.readiness().details()).containsEntry("threadFailuresWithinWindow", 1);

        clock.now = Duration.ofMinutes(2).plusSeconds(1).toMillis();
        assertThat(health.readiness().up()).isTrue();
    }

    @Test
    void shouldNotBeReadyWhileAPartitionStalls() {
        health.stateChanged(State.RUNNING);

        health.progress(List.of(new TopicPartition("events.raw", 3)), 500);

        assertThat(health.readiness().up()).isFalse();
        assertThat(health.readiness().details()).containsEntry("stalledPartitions", List.of("events.raw-3"))
                .containsEntry("inputLag", 500L);
    }

    @Test
    void shouldBeDeadInErrorAndWhenItStoppedUnasked() {
        health.stateChanged(State.ERROR);
        assertThat(health.liveness().up()).isFalse();

        health.stateChanged(State.NOT_RUNNING);
        assertThat(health.liveness().up()).isFalse();

        health.stopping();
        assertThat(health.liveness().up()).isTrue();
        assertThat(health.readiness().up()).isFalse();
    }

    @Test
    void shouldNeverBeReadyAfterAnUnsupportedChange() {
        health.stateChanged(State.RUNNING);

        health.refuse("shards changed");

        assertThat(health.readiness().up()).isFalse();
        assertThat(health.readiness().details()).containsEntry("unsupportedChange", "shards changed");
        assertThat(health.liveness().up()).isTrue();
    }

    private static final class MutableClock extends Clock {
        long now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
