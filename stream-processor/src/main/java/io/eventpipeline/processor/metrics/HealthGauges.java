package io.eventpipeline.processor.metrics;

import io.eventpipeline.processor.health.StreamsHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The health verdicts as gauges, for the dashboard and alerts: {@code processor_ready} and
 * {@code processor_live} (1 or 0), {@code processor_client_running} (1 while the Kafka Streams client is
 * RUNNING), {@code processor_stream_thread_failures_recent} (within {@code HEALTH_THREAD_FAILURE_WINDOW}),
 * {@code processor_stalled_partitions}, {@code processor_input_lag_records} (of this instance's active input
 * partitions) and {@code processor_unsupported_change} (1 when the start was refused).
 */
public final class HealthGauges implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Gauge> gauges;

    public HealthGauges(MeterRegistry registry, StreamsHealth health) {
        this.registry = registry;
        this.gauges = List.of(
                gauge("processor.ready", "1 while ready (see /actuator/health/readiness)", health,
                        h -> h.readiness().up() ? 1 : 0),
                gauge("processor.live", "1 while alive (see /actuator/health/liveness)", health,
                        h -> h.liveness().up() ? 1 : 0),
                gauge("processor.client.running", "1 while the Kafka Streams client is RUNNING", health,
                        h -> h.state() == KafkaStreams.State.RUNNING ? 1 : 0),
                gauge("processor.stream.thread.failures.recent", "stream threads died within the window", health,
                        StreamsHealth::recentThreadFailures),
                gauge("processor.stalled.partitions", "input partitions getting records without progress", health,
                        StreamsHealth::stalledPartitions),
                gauge("processor.input.lag.records", "records behind on this instance's input partitions", health,
                        StreamsHealth::inputLag),
                gauge("processor.unsupported.change", "1 when an unsupported change refused the start", health,
                        h -> h.refused() ? 1 : 0));
    }

    private Gauge gauge(String name, String description, StreamsHealth health,
            ToDoubleFunction<StreamsHealth> value) {
        return Gauge.builder(name, health, value).description(description).strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
