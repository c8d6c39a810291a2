package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.event.ValidatedEvent;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EnvelopeBytes;
import io.eventpipeline.schemas.EnvelopeReader;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.SchemaViolation;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the raw bytes of each record of the shard topic itself (the source has no value serde), so that no
 * record can fail before it is seen: unreadable bytes, an envelope breaking its schema or holding what
 * PostgreSQL cannot store, a payload breaking its event type's schema, or a key that is not the envelope's
 * aggregate all go to {@code events.rejected} with a reason, as does a rejection the {@link ShardGate} made;
 * every other record goes on with its original bytes (which {@link EnvelopeBytes} may reuse for
 * {@code events.log}) and its {@link EventOrigin}. The processor's internal headers stop here.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Object> {

    private final Rejections rejections;
    private final ProcessorMetrics metrics;
    private final String next;
    private ProcessorContext<String, Object> context;

    ValidateProcessor(Rejections rejections, ProcessorMetrics metrics, String next) {
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
        EventOrigin origin = EventOrigin.from(record.headers(), context.recordMetadata().orElse(null));
        Record<String, byte[]> clean = record.withHeaders(EventOrigin.strip(record.headers()));
        if (record.headers().lastHeader(EventOrigin.REJECTION_HEADER) != null) {
            context.forward(clean, EventPipelineTopology.REJECTED_SINK); // the gate's rejection, already made
        } else if (record.value() == null) {
            reject(clean, origin, RejectionReason.UNDESERIALISABLE, "the record has no value", null);
        } else {
            routeParsed(clean, origin);
        }
        metrics.recordLatency(System.nanoTime() - started);
    }

    private void routeParsed(Record<String, byte[]> record, EventOrigin origin) {
        EnvelopeReader.Parsed parsed;
        try {
            parsed = EnvelopeReader.readTree(record.value());
        } catch (JacksonException e) {
            reject(record, origin, RejectionReason.UNDESERIALISABLE, "not JSON: " + e.getOriginalMessage(), null);
            return;
        }
        JsonNode tree = parsed.tree();
        if (tree == null || !tree.isObject()) {
            reject(record, origin, RejectionReason.UNDESERIALISABLE, "not a JSON object", null);
            return;
        }
        List<SchemaViolation> violations = EventSchemas.validateEnvelope(tree);
        if (violations.isEmpty()) {
            violations = EventSchemas.validatePayload(tree.get("eventType").asString(), tree.get("payload"), "/payload");
        }
        if (!violations.isEmpty()) {
            reject(record, origin, reasonFor(violations), describe(violations), eventIdOf(tree));
            return;
        }
        routeValid(record, parsed, origin);
    }

    private void routeValid(Record<String, byte[]> record, EnvelopeReader.Parsed parsed, EventOrigin origin) {
        byte[] bytes = record.value();
        EventEnvelope envelope;
        try {
            envelope = EnvelopeReader.fromValidatedTree(parsed.tree());
        } catch (RuntimeException e) {
            reject(record, origin, RejectionReason.INVALID_ENVELOPE, "cannot read envelope: " + e.getMessage(), null);
            return;
        }
        if (!envelope.key().equals(record.key())) {
            // versions are only gapless when all events of an aggregate share one shard
            context.forward(rejections.of(record, origin, RejectionReason.KEY_MISMATCH, "record key " + record.key()
                    + " is not the envelope's " + envelope.key(), envelope, bytes), EventPipelineTopology.REJECTED_SINK);
            return;
        }
        boolean reusable = EnvelopeBytes.reusable(bytes, parsed, envelope) != null;
        context.forward(record.withValue(new ValidatedEvent(envelope, bytes, reusable, origin)), next);
    }

    private void reject(Record<String, byte[]> record, EventOrigin origin, RejectionReason reason, String detail,
            UUID eventId) {
        context.forward(rejections.unreadable(record, origin, reason, detail, eventId),
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
