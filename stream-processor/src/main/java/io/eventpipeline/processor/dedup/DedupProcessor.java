package io.eventpipeline.processor.dedup;

import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.processor.metrics.ProcessorMetrics.Decision;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards each event whose id is not in the dedup store and drops repeats of accepted events seen within the
 * retention window (measured in stream time). The store holds only accepted ids: the version step writes them
 * ({@link Dedup#remember}) when it accepts an event, so a rejected event does not use up its id. The filter
 * learns every forwarded id (a superset of the store: it may only err toward "maybe seen"). The store is the
 * source of truth; the Bloom filter
 * only saves a store read when it can say "definitely new", and it is rebuilt from the store in
 * {@link #init}, which Kafka Streams calls after the store is restored, so a lost filter never lets a
 * duplicate through.
 */
final class DedupProcessor<V> implements Processor<String, V, String, V> {

    private static final Logger log = LoggerFactory.getLogger(DedupProcessor.class);
    private static final Duration WINDOW_PROBE_INTERVAL = Duration.ofSeconds(30);

    private final long retentionMs;
    private final BloomSettings bloomSettings;
    private final ProcessorMetrics metrics;
    private final Function<V, DedupKey> keyOf;
    private ProcessorContext<String, V> context;
    private WindowStore<DedupKey, SeenEvent> store;
    private GenerationalBloomFilter<DedupKey> bloom;
    private RetainedCount retained;
    private ProcessorMetrics.TaskGauges gauges;
    private long bloomSaidNew;
    private long bloomFalsePositives;
    private long heldWindowMs;

    DedupProcessor(Duration retention, BloomSettings bloomSettings, ProcessorMetrics metrics,
            Function<V, DedupKey> keyOf) {
        this.retentionMs = retention.toMillis();
        this.bloomSettings = bloomSettings;
        this.metrics = metrics;
        this.keyOf = keyOf;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.store = context.getStateStore(Dedup.STORE);
        this.retained = new RetainedCount(retentionMs, bloomSettings.generations());
        if (bloomSettings.enabled()) {
            bloom = new GenerationalBloomFilter<>(retentionMs, bloomSettings.generations(),
                    bloomSettings.expectedPerGeneration(), bloomSettings.falsePositiveRate(), DedupKey.FUNNEL);
        }
        if (bloom != null) {
            // a full scan of the store: the price of the filter, paid once per task start
            rebuildFromStore();
        }
        registerGauges();
        context.schedule(WINDOW_PROBE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> probeHeldWindow());
    }

    @Override
    public void process(Record<String, V> record) {
        DedupKey id = keyOf.apply(record.value());
        long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
        if (isFirstSighting(id, now)) {
            noteCandidate(id, now);
            context.forward(record);
        } else if (log.isDebugEnabled()) {
            log.debug("dropped duplicate {} at {}", id, context.recordMetadata().map(Object::toString).orElse("?"));
        }
    }

    private boolean isFirstSighting(DedupKey id, long now) {
        if (bloom != null) {
            bloom.expire(now);
            if (!bloom.mightContain(id)) {
                bloomSaidNew++;
                metrics.decided(Decision.BLOOM_NEW);
                return true;
            }
        }
        if (seenInWindow(id, now)) {
            metrics.decided(Decision.STORE_HIT);
            return false;
        }
        if (bloom != null) {
            bloomFalsePositives++;
        }
        metrics.decided(Decision.STORE_MISS);
        return true;
    }

    private boolean seenInWindow(DedupKey id, long now) {
        try (WindowStoreIterator<SeenEvent> hits = store.fetch(id, Math.max(0, now - retentionMs), now)) {
            return hits.hasNext();
        }
    }

    /** The version step remembers the id if it accepts the event; the filter and the count learn it now. */
    private void noteCandidate(DedupKey id, long now) {
        retained.add(now);
        retained.expire(now);
        if (bloom != null) {
            bloom.put(id, now);
        }
    }

    private void rebuildFromStore() {
        long started = System.nanoTime();
        long newest = context.currentStreamTimeMs();
        long count = 0;
        try (KeyValueIterator<Windowed<DedupKey>, SeenEvent> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<DedupKey>, SeenEvent> entry = all.next();
                long storedAt = entry.key.window().start();
                newest = Math.max(newest, storedAt);
                retained.add(storedAt);
                bloom.put(entry.key.key(), storedAt);
                count++;
            }
        }
        retained.expire(newest);
        bloom.expire(newest);
        log.info("task {}: Bloom filter rebuilt from {} ids of the dedup store in {} ms", context.taskId(), count,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void probeHeldWindow() {
        long now = context.currentStreamTimeMs();
        try (KeyValueIterator<Windowed<DedupKey>, SeenEvent> oldest = store.all()) {
            heldWindowMs = oldest.hasNext() && now >= 0 ? Math.max(0, now - oldest.next().key.window().start()) : 0;
        }
    }

    private void registerGauges() {
        gauges = metrics.taskGauges(context.taskId().toString());
        // without the filter the store is never scanned, so only RocksDB's own estimate-num-keys counts it
        if (bloom != null) {
            gauges.gauge("processor.store.entries", "ids remembered by the dedup store inside the window (estimate)",
                    retained, RetainedCount::total, "store", Dedup.STORE);
        }
        gauges.gauge("processor.dedup.window.seconds", "the window the dedup store really holds", this,
                p -> p.heldWindowMs / 1000.0, "kind", "held");
        gauges.gauge("processor.dedup.window.seconds", "the configured dedup retention", this,
                p -> p.retentionMs / 1000.0, "kind", "configured");
        if (bloom != null) {
            gauges.gauge("processor.bloom.false.positive.rate", "new ids the Bloom filter called maybe-seen", this,
                    DedupProcessor<V>::observedFalsePositiveRate, "kind", "observed");
            gauges.gauge("processor.bloom.false.positive.rate", "what the live generations should give", bloom,
                    GenerationalBloomFilter::expectedFalsePositiveRate, "kind", "expected");
            gauges.gauge("processor.bloom.false.positive.rate", "the configured rate per generation", bloomSettings,
                    BloomSettings::falsePositiveRate, "kind", "configured");
            gauges.gauge("processor.bloom.generations", "live Bloom generations", bloom,
                    GenerationalBloomFilter::generationCount);
        }
    }

    double observedFalsePositiveRate() {
        long trulyNew = bloomSaidNew + bloomFalsePositives;
        return trulyNew == 0 ? 0.0 : (double) bloomFalsePositives / trulyNew;
    }

    /** Visible for the rebuild test: does the filter (if any) consider this id possibly seen? */
    boolean bloomMightContain(DedupKey id) {
        return bloom == null || bloom.mightContain(id);
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }
}
