package io.eventpipeline.processor;

import io.eventpipeline.processor.health.StreamsHealth.Transition;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams.State;

/** Reads rebalance pauses from a client's state changes. */
final class Rebalances {

    /**
     * The first rebalance that started at or after {@code fromMs}: how long after {@code fromMs} it started and
     * how long the client was not RUNNING (until its next RUNNING); -1 when none started, and a pause of
     * {@code Long.MAX_VALUE} when none ended.
     */
    record Pause(long startedAfterMs, long pauseMs) {
    }

    private Rebalances() {
    }

    static Pause after(List<Transition> transitions, long fromMs) {
        Long started = null;
        for (Transition t : transitions) {
            if (t.atMs() < fromMs) {
                continue;
            }
            if (started == null && t.from() == State.RUNNING && t.to() != State.RUNNING) {
                started = t.atMs();
            } else if (started != null && t.to() == State.RUNNING) {
                return new Pause(started - fromMs, t.atMs() - started);
            }
        }
        return new Pause(started == null ? -1 : started - fromMs, Long.MAX_VALUE);
    }
}
