package io.eventpipeline.processor.metrics;

import io.eventpipeline.schemas.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The processor's own meters (the Kafka Streams client metrics are bound next to them by
 * {@code KafkaStreamsMetrics}). Counters are shared by all tasks; gauges are registered per task and
 * removed when the task closes, so a migrated task never leaves a stale value behind.
 *
 * <p>Names as Prometheus shows them: {@code processor_events_processed_total},
 * {@code processor_dedup_decisions_total{layer,result}}, {@code processor_duplicates_dropped_total{layer}},
 * {@code processor_events_rejected_total{reason}}, {@code processor_store_entries{store,task}},
 * {@code processor_bloom_false_positive_rate{task,kind}}, {@code processor_dedup_window_seconds{task,kind}},
 * {@code processor_process_latency_seconds}.
 */
public final class ProcessorMetrics {

    /** What answered a dedup question. */
    public enum Decision {
        BLOOM_NEW("bloom", "new"),
        STORE_HIT("store", "duplicate"),
        STORE_MISS("store", "new");

        private final String layer;
        private final String result;

        Decision(String layer, String result) {
            this.layer = layer;
            this.result = result;
        }
    }

    private final MeterRegistry registry;
    private final Counter processed;
    private final Map<Decision, Counter> decisions = new ConcurrentHashMap<>();
    private final Counter duplicatesDropped;
    private final Map<RejectionReason, Counter> rejected = new ConcurrentHashMap<>();
    private final Timer latency;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = Counter.builder("processor.events.processed")
                .description("events written to events.log, deduplicated and versioned").register(registry);
        for (Decision d : Decision.values()) {
            decisions.put(d, Counter.builder("processor.dedup.decisions").tag("layer", d.layer).tag("result", d.result)
                    .description("dedup answers by the layer that gave them").register(registry));
        }
        this.duplicatesDropped = Counter.builder("processor.duplicates.dropped").tag("layer", "store")
                .description("repeated eventIds dropped; only the store can confirm a duplicate").register(registry);
        this.latency = Timer.builder("processor.process.latency")
                .description("time to validate, deduplicate and version one record").register(registry);
    }

    public void processed() {
        processed.increment();
    }

    public void decided(Decision decision) {
        decisions.get(decision).increment();
        if (decision == Decision.STORE_HIT) {
            duplicatesDropped.increment();
        }
    }

    public void rejected(RejectionReason reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("processor.events.rejected").tag("reason", r.wireName())
                .description("events sent to events.rejected, by reason").register(registry)).increment();
    }

    /** A record Kafka would not take ({@code processor_sends_refused_total{topic,exception}}). */
    public void sendRefused(String topic, Exception exception) {
        Counter.builder("processor.sends.refused").tag("topic", topic)
                .tag("exception", exception.getClass().getSimpleName())
                .description("records a topic refused; each is retried and routed, never skipped")
                .register(registry).increment();
    }

    /** A stream thread died of an exception ({@code processor_stream_thread_failures_total}). */
    public void threadFailed() {
        Counter.builder("processor.stream.thread.failures")
                .description("stream threads that died of an exception (then replaced, or the client shut down)")
                .register(registry).increment();
    }

    public void recordLatency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Registers gauges for one task; closing the handle removes them. */
    public TaskGauges taskGauges(String taskId) {
        return new TaskGauges(taskId);
    }

    /** The gauges of one task, removed together when the task closes. */
    public final class TaskGauges implements AutoCloseable {

        private final String taskId;
        private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

        private TaskGauges(String taskId) {
            this.taskId = taskId;
        }

        public <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value, String... tags) {
            gauges.add(Gauge.builder(name, state, value).description(description).tag("task", taskId).tags(tags)
                    .strongReference(true).register(registry));
        }

        @Override
        public void close() {
            gauges.forEach(registry::remove);
            gauges.clear();
        }
    }
}
