package io.eventpipeline.processor.dedup;

import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dedup step: a processor supplier that brings its own store. The store is a persistent RocksDB
 * window store keyed by eventId, with the retention window as its retention, so expired ids are
 * purged a whole segment at a time; it is changelogged and therefore restored on another instance.
 */
public final class Dedup {

    /** Store name; its changelog topic is {@code <application.id>-dedup-store-changelog}. */
    public static final String STORE = "dedup-store";

    private Dedup() {
    }

    /** Dedup of records whose value {@code eventId} names the event; values are forwarded unchanged. */
    public static <V> ProcessorSupplier<String, V, String, V> supplier(
            Duration retention, BloomSettings bloom, ProcessorMetrics metrics, Function<V, UUID> eventId) {
        StoreBuilder<WindowStore<UUID, SeenEvent>> store = storeBuilder(retention);
        return new ProcessorSupplier<>() {
            @Override
            public DedupProcessor<V> get() {
                return new DedupProcessor<>(retention, bloom, metrics, eventId);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    static StoreBuilder<WindowStore<UUID, SeenEvent>> storeBuilder(Duration retention) {
        // caching off: it halves throughput here and exactly-once already batches the changelog writes
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(STORE, retention, retention, false),
                        DedupSerdes.EVENT_ID, DedupSerdes.SEEN_EVENT)
                .withCachingDisabled();
    }
}
