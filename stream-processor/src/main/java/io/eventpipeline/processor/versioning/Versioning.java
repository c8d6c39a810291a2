package io.eventpipeline.processor.versioning;

import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.event.ValidatedEvent;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The versioning step with its store: the last version per aggregate ({@code aggregateType/aggregateId}),
 * persistent and changelogged, never expiring (a version must never restart at 1).
 *
 * <p>The store is cached (Kafka Streams' record cache, sized by {@code STATESTORE_CACHE_MAX_BYTES}): the
 * version of a recently seen aggregate is read from the heap instead of RocksDB, and the updates of one
 * aggregate within a commit reach RocksDB and the changelog as one record. The cache is flushed before
 * each exactly-once commit, so the committed changelog and output still agree.
 */
public final class Versioning {

    /** Store name; its changelog topic is {@code <application.id>-version-store-changelog}. */
    public static final String STORE = "version-store";

    private Versioning() {
    }

    public static ProcessorSupplier<String, ValidatedEvent, String, Object> supplier(
            LogSink logSink, String rejectedSink, ProcessorMetrics metrics, Rejections rejections, OnAccepted onAccepted) {
        StoreBuilder<KeyValueStore<String, Long>> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public VersionProcessor get() {
                return new VersionProcessor(logSink, rejectedSink, metrics, rejections, onAccepted);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }
}
