package io.eventpipeline.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter of a task that starts on a store filled elsewhere (a restore, a migrated task): it must
 * be rebuilt from the store before the first record, or duplicates would pass as "definitely new".
 */
class DedupProcessorRebuildTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final long NOW = 1_800_000_000_000L;

    @TempDir
    Path stateDir;

    private final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    private MockProcessorContext<String, EventEnvelope> context;
    private WindowStore<DedupKey, SeenEvent> store;
    private DedupProcessor<EventEnvelope> processor;

    @BeforeEach
    void setUp() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rebuild-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        context = new MockProcessorContext<>(props);
        // MockProcessorContext cannot host Kafka Streams' window stores (they need the internal context);
        // the real RocksDB store is exercised by the topology tests and the broker integration test
        store = new TreeWindowStore(Dedup.STORE);
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setCurrentStreamTimeMs(NOW);
        context.setRecordMetadata("events.raw", 0, 100);
    }

    @AfterEach
    void tearDown() {
        if (processor != null) {
            processor.close();
        }
        store.close();
    }

    @Test
    void shouldRebuildBloomFromPrefilledStoreWhenTaskStarts() {
        DedupKey[] remembered = IntStream.range(0, 1000).mapToObj(i -> key(UUID.randomUUID()))
                .toArray(DedupKey[]::new);
        for (DedupKey id : remembered) {
            store.put(id, new SeenEvent(0, 1, NOW - 1000), NOW - 1000);
        }

        processor = startProcessor(true);

        for (DedupKey id : remembered) {
            assertThat(processor.bloomMightContain(id)).as("rebuilt filter knows %s", id).isTrue();
        }
    }

    @Test
    void shouldDropDuplicateOfPrefilledIdThroughTheStoreWhenBloomWasRebuilt() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        store.put(key(seen), new SeenEvent(0, 1, NOW - 1000), NOW - 1000);
        processor = startProcessor(true);

        processor.process(record(seen));
        processor.process(record(fresh));

        assertThat(context.forwarded()).extracting(f -> f.record().value().eventId()).containsExactly(fresh);
        assertThat(metrics.count("processor.dedup.decisions", "layer", "store", "result", "duplicate")).isEqualTo(1.0);
        assertThat(metrics.count("processor.dedup.decisions", "layer", "bloom", "result", "new")).isEqualTo(1.0);
    }

    @Test
    void shouldNotRebuildIdsOlderThanRetentionIntoTheFilter() {
        UUID old = UUID.randomUUID();
        store.put(key(old), new SeenEvent(0, 1, NOW - RETENTION.toMillis() * 3), NOW - RETENTION.toMillis() * 3);
        store.put(key(UUID.randomUUID()), new SeenEvent(0, 2, NOW), NOW);

        processor = startProcessor(true);
        processor.process(record(old));

        assertThat(context.forwarded()).extracting(f -> f.record().value().eventId()).containsExactly(old);
    }

    @Test
    void shouldRememberOnlyWhatTheVersionStepAcceptsWithItsOriginAndTimestamp() {
        processor = startProcessor(false);
        UUID forwarded = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();

        processor.process(new Record<>("order/o-1", TestEvents.envelope(forwarded, "o-1"), NOW - 5));
        Dedup.remember(context, key(accepted), new EventOrigin("events.raw", 3, 4242), NOW - 5);

        try (var hits = store.fetch(key(forwarded), NOW - 10, NOW)) {
            assertThat(hits.hasNext()).as("a forwarded event is not remembered before it is accepted").isFalse();
        }
        try (var hits = store.fetch(key(accepted), NOW - 10, NOW)) {
            assertThat(hits.next().value).isEqualTo(new SeenEvent(3, 4242, NOW - 5));
        }
    }

    private DedupProcessor<EventEnvelope> startProcessor(boolean bloom) {
        DedupProcessor<EventEnvelope> p = new DedupProcessor<>(RETENTION, BloomSettings.DEFAULTS.withEnabled(bloom),
                metrics, e -> new DedupKey(e.producerId(), e.eventId()));
        p.init(context);
        return p;
    }

    private static DedupKey key(UUID id) {
        return new DedupKey("producer-1", id);
    }

    private static Record<String, EventEnvelope> record(UUID id) {
        return new Record<>("order/o-1", TestEvents.envelope(id, "o-1"), NOW);
    }
}
