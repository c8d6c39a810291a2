package io.eventpipeline.processor.versioning;

import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.event.SinkLimits;
import io.eventpipeline.processor.event.ValidatedEvent;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectionReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each event of an aggregate the next version (last + 1, starting at 1), or refuses it with
 * {@code version_conflict} when the producer's {@code expectedVersion} is not the aggregate's current
 * version. The store and the output are committed in one exactly-once transaction, so a version is
 * never skipped or given twice, across restarts too. Only an accepted event is handed to {@link OnAccepted} (the
 * topology remembers its id there), so a rejected one can come again with the same id once fixed. The {@code events.log} value is written as bytes by
 * {@link ValidatedEvent#withVersion}.
 */
final class VersionProcessor implements Processor<String, ValidatedEvent, String, Object> {

    private final String logSink;
    private final String rejectedSink;
    private final ProcessorMetrics metrics;
    private final Rejections rejections;
    private final LogSink log;
    private final OnAccepted onAccepted;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Long> versions;
    private ProcessorMetrics.TaskGauges gauges;

    VersionProcessor(LogSink log, String rejectedSink, ProcessorMetrics metrics, Rejections rejections,
            OnAccepted onAccepted) {
        this.onAccepted = onAccepted;
        this.logSink = log.node();
        this.log = log;
        this.rejectedSink = rejectedSink;
        this.metrics = metrics;
        this.rejections = rejections;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.versions = context.getStateStore(Versioning.STORE);
        gauges = metrics.taskGauges(context.taskId().toString());
        gauges.gauge("processor.store.entries", "aggregates with a version (RocksDB estimate)", versions,
                KeyValueStore::approximateNumEntries, "store", Versioning.STORE);
    }

    @Override
    public void process(Record<String, ValidatedEvent> record) {
        EventEnvelope event = record.value().envelope();
        // validate refused every record whose key is not its envelope's aggregate
        String aggregate = record.key();
        long current = currentVersion(aggregate);
        if (conflicts(event.expectedVersion(), current)) {
            context.forward(rejections.of(record, record.value().origin(),
                    RejectionReason.VERSION_CONFLICT, "expectedVersion " + event.expectedVersion() + " but "
                            + aggregate + " is at version " + current, event, record.value().original()),
                    rejectedSink);
            return;
        }
        long next = current + 1;
        byte[] value = record.value().withVersion(next);
        if (!log.limits().allows(log.topic(), SinkLimits.sizeOf(aggregate, value, record.headers()))) {
            // the topic refused a record this large (an operator lowered it): routed, and no version is used up
            context.forward(rejections.of(record, record.value().origin(), RejectionReason.TOO_LARGE,
                    log.topic() + " refused records of " + log.limits().refusedSize(log.topic()).orElseThrow()
                            + " bytes or more; its max.message.bytes is below what EVENT_MAX_BYTES needs", event,
                    record.value().original()), rejectedSink);
            return;
        }
        versions.put(aggregate, next);
        onAccepted.accepted(context, record);
        metrics.processed();
        context.forward(record.withValue(value), logSink);
    }

    private long currentVersion(String aggregate) {
        Long last = versions.get(aggregate);
        return last == null ? 0 : last;
    }

    private static boolean conflicts(Long expectedVersion, long current) {
        return expectedVersion != null && expectedVersion != current;
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }
}
