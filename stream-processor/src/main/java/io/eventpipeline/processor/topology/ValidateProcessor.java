package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.event.ValidatedEvent;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EnvelopeBytes;
import io.eventpipeline.schemas.EnvelopeReader;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.RejectionRecord;
import io.eventpipeline.schemas.SchemaViolation;
import io.eventpipeline.schemas.SizeBudget;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the raw bytes of {@code events.raw} itself (the source has no value serde), so that no record
 * can fail before it is seen: a record over the {@link SizeBudget}, unreadable bytes, an envelope breaking
 * its schema or holding what PostgreSQL cannot store, a payload breaking its event type's schema, or a key
 * that is not the envelope's aggregate all go to {@code events.rejected} with a reason; every other record
 * goes on, with its original bytes, which {@link EnvelopeBytes} may reuse for {@code events.log}.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Object> {

    private final SizeBudget budget;
    private final Rejections rejections;
    private final ProcessorMetrics metrics;
    private final String next;
    private ProcessorContext<String, Object> context;

    ValidateProcessor(SizeBudget budget, Rejections rejections, ProcessorMetrics metrics, String next) {
        this.budget = budget;
        this.rejections = rejections;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long started = System.nanoTime();
        String tooLarge = sizeProblem(record);
        if (record.value() == null) {
            reject(record, RejectionReason.UNDESERIALISABLE, "the record has no value", null);
        } else if (tooLarge != null) {
            reject(record, RejectionReason.TOO_LARGE, tooLarge, null);
        } else {
            routeParsed(record, record.value());
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

    private void routeParsed(Record<String, byte[]> record, byte[] bytes) {
        EnvelopeReader.Parsed parsed;
        try {
            parsed = EnvelopeReader.readTree(bytes);
        } catch (JacksonException e) {
            reject(record, RejectionReason.UNDESERIALISABLE, "not JSON: " + e.getOriginalMessage(), null);
            return;
        }
        JsonNode tree = parsed.tree();
        if (tree == null || !tree.isObject()) {
            reject(record, RejectionReason.UNDESERIALISABLE, "not a JSON object", null);
            return;
        }
        List<SchemaViolation> violations = EventSchemas.validateEnvelope(tree);
        if (violations.isEmpty()) {
            violations = EventSchemas.validatePayload(tree.get("eventType").asString(), tree.get("payload"), "/payload");
        }
        if (!violations.isEmpty()) {
            reject(record, reasonFor(violations), describe(violations), eventIdOf(tree));
            return;
        }
        routeValid(record, bytes, parsed);
    }

    private void routeValid(Record<String, byte[]> record, byte[] bytes, EnvelopeReader.Parsed parsed) {
        EventEnvelope envelope;
        try {
            envelope = EnvelopeReader.fromValidatedTree(parsed.tree());
        } catch (RuntimeException e) {
            reject(record, RejectionReason.INVALID_ENVELOPE, "cannot read envelope: " + e.getMessage(), null);
            return;
        }
        if (!envelope.key().equals(record.key())) {
            // versions are only gapless when all events of an aggregate share one partition
            context.forward(rejections.of(record, context.recordMetadata().orElse(null), RejectionReason.KEY_MISMATCH,
                    "record key " + record.key() + " is not the envelope's " + envelope.key(), envelope, bytes),
                    EventPipelineTopology.REJECTED_SINK);
            return;
        }
        boolean reusable = EnvelopeBytes.reusable(bytes, parsed, envelope) != null;
        context.forward(record.withValue(new ValidatedEvent(envelope, bytes, reusable)), next);
    }

    private void reject(Record<String, byte[]> record, RejectionReason reason, String detail, UUID eventId) {
        context.forward(rejections.unreadable(record, context.recordMetadata().orElse(null), reason, detail, eventId),
                EventPipelineTopology.REJECTED_SINK);
    }

    /** Everything under {@code /payload} is the payload's fault; anything else the envelope's. */
    private static RejectionReason reasonFor(List<SchemaViolation> violations) {
        boolean payloadOnly = violations.stream().allMatch(v -> v.pointer().startsWith("/payload"));
        return payloadOnly ? RejectionReason.INVALID_PAYLOAD : RejectionReason.INVALID_ENVELOPE;
    }

    // kept on the rejection so a fixed event re-driven with the same id is still deduplicated
    private static UUID eventIdOf(JsonNode tree) {
        JsonNode id = tree.get("eventId");
        try {
            return id != null && id.isString() ? UUID.fromString(id.asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(List<SchemaViolation> violations) {
        return violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + ": " + v.message())
                .collect(Collectors.joining("; "));
    }
}
