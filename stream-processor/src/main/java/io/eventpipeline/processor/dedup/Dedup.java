package io.eventpipeline.processor.dedup;

import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dedup step: a processor supplier that brings its own store. The store is a persistent RocksDB
 * window store keyed by (producerId, eventId), with the retention window as its retention, so expired ids are
 * purged a whole segment at a time; it is changelogged and therefore restored on another instance.
 */
public final class Dedup {

    /** Store name; its changelog topic is {@code <application.id>-dedup-store-changelog}. */
    public static final String STORE = "dedup-store";

    private Dedup() {
    }

    /**
     * Dedup of records whose value {@code keyOf} names the (producer, eventId) of; values are forwarded unchanged.
     * The node that accepts an event downstream remembers its id with {@link #remember}.
     */
    public static <V> ProcessorSupplier<String, V, String, V> supplier(Duration retention, BloomSettings bloom,
            ProcessorMetrics metrics, Function<V, DedupKey> keyOf) {
        StoreBuilder<WindowStore<DedupKey, SeenEvent>> store = storeBuilder(retention);
        return new ProcessorSupplier<>() {
            @Override
            public DedupProcessor<V> get() {
                return new DedupProcessor<>(retention, bloom, metrics, keyOf);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    /**
     * Remembers an accepted event's id in the current task's dedup store (the store must be connected to the calling
     * node). Only accepted events are remembered: a rejected one (version_conflict, too_large) keeps its id free, so
     * the producer, or {@code admin rejected redrive}, can send the fixed event again with the same id. Stored under
     * stream time, like the check in {@link DedupProcessor}, so a late record does not land in an expired segment.
     */
    public static void remember(ProcessorContext<?, ?> context, DedupKey id, EventOrigin from, long recordTimestamp) {
        WindowStore<DedupKey, SeenEvent> store = context.getStateStore(STORE);
        long now = Math.max(context.currentStreamTimeMs(), recordTimestamp);
        store.put(id, new SeenEvent(from.partition(), from.offset(), recordTimestamp), now);
    }

    static StoreBuilder<WindowStore<DedupKey, SeenEvent>> storeBuilder(Duration retention) {
        // caching off: it halves throughput here and exactly-once already batches the changelog writes
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(STORE, retention, retention, false),
                        DedupSerdes.KEY, DedupSerdes.SEEN_EVENT)
                .withCachingDisabled();
    }
}
