package io.eventpipeline.processor.health;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's honest health, fed by the Kafka Streams client's state listener, its uncaught exception
 * handler and the {@link ProgressWatch}:
 * <ul>
 *   <li><b>ready</b> only while the client is RUNNING, no stream thread died or was replaced within
 *       {@code HEALTH_THREAD_FAILURE_WINDOW}, no input partition of this instance stalled (records arrive,
 *       the committed offset does not move) and no unsupported change was detected;</li>
 *   <li><b>live</b> unless the client is in ERROR (or on its way there, or stopped without being asked):
 *       then only a restart helps.</li>
 * </ul>
 * Thread-safe.
 */
public final class StreamsHealth {

    private final HealthSettings settings;
    private final Clock clock;
    private final Deque<Long> threadFailures = new ArrayDeque<>();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile boolean stopRequested;
    private volatile String refusal;
    private volatile List<TopicPartition> stalled = List.of();
    private volatile long lag;
    private final Deque<Transition> transitions = new ArrayDeque<>();

    /** A state change of the client, for measuring rebalance pauses. */
    public record Transition(long atMs, KafkaStreams.State from, KafkaStreams.State to) {
    }

    public StreamsHealth(HealthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public void stateChanged(KafkaStreams.State now) {
        KafkaStreams.State before = state;
        state = now;
        synchronized (transitions) {
            transitions.addLast(new Transition(clock.millis(), before, now));
            if (transitions.size() > 100) {
                transitions.removeFirst();
            }
        }
    }

    /** The last 100 state changes, oldest first. */
    public List<Transition> transitions() {
        synchronized (transitions) {
            return List.copyOf(transitions);
        }
    }

    /** The client is being closed on purpose (shutdown): not ready, but alive. */
    public void stopping() {
        stopRequested = true;
    }

    public synchronized void threadFailed() {
        threadFailures.addLast(clock.millis());
    }

    /** An unsupported change (shard count, internal topics) was found: never ready until fixed and restarted. */
    public void refuse(String why) {
        refusal = why;
    }

    void progress(List<TopicPartition> stalledNow, long lagNow) {
        stalled = List.copyOf(stalledNow);
        lag = lagNow;
    }

    public Verdict readiness() {
        int recentFailures = recentThreadFailures();
        boolean ready = state == KafkaStreams.State.RUNNING && recentFailures == 0 && stalled.isEmpty()
                && refusal == null && !stopRequested;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("threadFailuresWithinWindow", recentFailures);
        details.put("stalledPartitions", stalled.stream().map(TopicPartition::toString).toList());
        details.put("inputLag", lag);
        if (refusal != null) {
            details.put("unsupportedChange", refusal);
        }
        return new Verdict(ready, details);
    }

    public Verdict liveness() {
        boolean dead = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || !stopRequested && (state == KafkaStreams.State.NOT_RUNNING
                        || state == KafkaStreams.State.PENDING_SHUTDOWN);
        return new Verdict(!dead, Map.of("state", state.name()));
    }

    public synchronized int recentThreadFailures() {
        long oldest = clock.millis() - settings.threadFailureWindow().toMillis();
        while (!threadFailures.isEmpty() && threadFailures.peekFirst() < oldest) {
            threadFailures.removeFirst();
        }
        return threadFailures.size();
    }

    public KafkaStreams.State state() {
        return state;
    }

    public int stalledPartitions() {
        return stalled.size();
    }

    public long inputLag() {
        return lag;
    }

    public boolean refused() {
        return refusal != null;
    }
}
