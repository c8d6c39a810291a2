package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.RejectionRecord;
import io.eventpipeline.schemas.SizeBudget;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step, on {@code events.raw}: stamps each record with where it was read ({@link EventOrigin}) and
 * sends it on to its shard. A record over the {@link SizeBudget} (value, key or headers; a compressed batch lets
 * a record larger than {@code max.message.bytes} in) could not be written to the shard topic, so it is turned
 * into its {@code too_large} rejection here, which travels the shard topic in its place (marked, the
 * validation step sends it to {@code events.rejected} as it is). Nothing else is read here: parsing and
 * validation happen once, after the shard topic.
 */
final class ShardGate implements Processor<String, byte[], String, byte[]> {

    private final SizeBudget budget;
    private final Rejections rejections;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    ShardGate(SizeBudget budget, Rejections rejections, ProcessorMetrics metrics) {
        this.budget = budget;
        this.rejections = rejections;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long started = System.nanoTime();
        EventOrigin origin = EventOrigin.of(context.recordMetadata().orElse(null));
        String tooLarge = sizeProblem(record);
        if (tooLarge == null) {
            context.forward(record.withHeaders(origin.addTo(record.headers())));
        } else {
            Record<String, byte[]> rejection = rejections.unreadable(record, origin, RejectionReason.TOO_LARGE,
                    tooLarge, null);
            Headers marked = rejection.headers();
            marked.add(EventOrigin.REJECTION_HEADER, new byte[0]);
            context.forward(rejection.withHeaders(marked));
        }
        metrics.recordLatency(System.nanoTime() - started);
    }

    // events.log repeats key, value and headers: each must leave room in the topic's max.message.bytes
    private String sizeProblem(Record<String, byte[]> record) {
        if (record.value() != null && !budget.allowsEvent(record.value().length)) {
            return "value of " + record.value().length + " bytes exceeds " + SizeBudget.VARIABLE + "="
                    + budget.eventMaxBytes();
        }
        if (record.key() != null && record.key().length() > SizeBudget.KEY_MAX_CHARS) {
            return "key of " + record.key().length() + " characters exceeds " + SizeBudget.KEY_MAX_CHARS;
        }
        int headers = RejectionRecord.sizeOf(record.headers());
        return headers <= SizeBudget.HEADERS_MAX_BYTES ? null
                : "headers of " + headers + " bytes exceed " + SizeBudget.HEADERS_MAX_BYTES;
    }
}
