package io.eventpipeline.projection.consume;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each partition this writer owns reads next. Postgres is the only source of a position (stored
 * with the rows); Kafka's committed offsets and {@code auto.offset.reset} are never used ({@code none}).
 * A partition is positioned by {@link StartDecision}; one whose position cannot be trusted is
 * <em>stopped</em>: kept paused, counted, reported by health, logged once with the fix, and re-decided
 * every {@link #RECHECK} (so an operator's fix takes effect without a restart). Poll thread only, except
 * the read-only views for health.
 */
final class Positions {

    static final Duration RECHECK = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final String group;
    private final StoredPositions offsets;
    private final MeterRegistry registry;
    private final Map<TopicPartition, Long> nextToRead = new HashMap<>();
    private final Set<TopicPartition> awaiting = new HashSet<>();
    private final Map<TopicPartition, StartDecision.Stop> stopped = new ConcurrentHashMap<>();
    private volatile int positioned;
    private long recheckAtNanos;

    Positions(Consumer<String, byte[]> consumer, String group, StoredPositions offsets, MeterRegistry registry) {
        this.consumer = consumer;
        this.group = group;
        this.offsets = offsets;
        this.registry = registry;
        Gauge.builder("writer.partitions.stopped", stopped, Map::size)
                .description("partitions of events.log not read because their position cannot be trusted (see the log)")
                .register(registry);
    }

    /** New partitions: nothing of them is read until Postgres positioned them. */
    void assigned(Collection<TopicPartition> partitions) {
        // A placeholder position, so the consumer never falls back to Kafka's committed offsets or the reset
        // policy; no record is taken before the real position is set (isNew needs it).
        consumer.seekToBeginning(partitions);
        awaiting.addAll(partitions);
    }

    void forget(Collection<TopicPartition> partitions) {
        awaiting.removeAll(partitions);
        partitions.forEach(nextToRead::remove);
        partitions.forEach(stopped::remove);
        positioned = nextToRead.size();
    }

    /** Everything owned must be positioned again from Postgres (a stale batch, an out-of-range fetch). */
    void reposition(Collection<TopicPartition> partitions) {
        partitions.forEach(nextToRead::remove);
        awaiting.addAll(partitions);
        positioned = nextToRead.size();
    }

    boolean hasWork(long nowNanos) {
        return !awaiting.isEmpty() || (!stopped.isEmpty() && nowNanos >= recheckAtNanos);
    }

    boolean isAwaiting() {
        return !awaiting.isEmpty();
    }

    /** Positions every partition awaiting one; throws when Postgres or Kafka cannot answer (the caller backs off). */
    void position(long nowNanos) {
        if (!stopped.isEmpty() && nowNanos >= recheckAtNanos) {
            awaiting.addAll(stopped.keySet());
            recheckAtNanos = nowNanos + RECHECK.toNanos();
        }
        if (awaiting.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = List.copyOf(awaiting);
        String topic = partitions.getFirst().topic();
        Map<Integer, Long> stored = offsets.load(topic, partitions.stream().map(TopicPartition::partition).toList());
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        for (TopicPartition tp : partitions) {
            apply(tp, StartDecision.decide(tp, group, stored.get(tp.partition()), starts.get(tp), ends.get(tp)));
        }
        awaiting.clear();
        positioned = nextToRead.size();
    }

    private void apply(TopicPartition tp, StartDecision decision) {
        switch (decision) {
            case StartDecision.Seek seek -> {
                consumer.seek(tp, seek.offset());
                nextToRead.put(tp, seek.offset());
                boolean wasStopped = stopped.remove(tp) != null;
                log.info("{}: positioned at {} ({}){}", tp, seek.offset(), seek.why(), wasStopped ? ", no longer stopped" : "");
            }
            case StartDecision.Stop stop -> {
                if (stopped.put(tp, stop) == null) {
                    registry.counter("writer.partitions.stops", "reason", stop.reason()).increment();
                    log.error(stop.message());
                    recheckAtNanos = System.nanoTime() + RECHECK.toNanos();
                }
            }
        }
    }

    /** Partitions that must not be fetched now: awaiting a position or stopped. */
    Set<TopicPartition> held() {
        Set<TopicPartition> held = new HashSet<>(awaiting);
        held.addAll(stopped.keySet());
        return held;
    }

    boolean isNew(ConsumerRecord<String, byte[]> record) {
        Long next = nextToRead.get(new TopicPartition(record.topic(), record.partition()));
        return next != null && record.offset() >= next;
    }

    void advanced(TopicPartition tp, long next) {
        if (nextToRead.containsKey(tp)) {
            nextToRead.put(tp, next);
        }
    }

    int positionedPartitions() {
        return positioned;
    }

    /** Stopped partitions and why, for health; safe from any thread. */
    Map<String, String> stoppedPartitions() {
        Map<String, String> view = new TreeMap<>();
        stopped.forEach((tp, stop) -> view.put(tp.toString(), stop.message()));
        return view;
    }
}
