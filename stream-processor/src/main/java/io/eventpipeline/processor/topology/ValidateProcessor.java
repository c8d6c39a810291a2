package io.eventpipeline.processor.topology;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.SchemaViolation;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the raw bytes of {@code events.raw} itself (the source has no value serde), so that no record
 * can fail before it is seen: unreadable bytes, an envelope breaking its schema, a payload breaking
 * its event type's schema or a key that is not the envelope's aggregate all go to
 * {@code events.rejected} with a reason; every other record goes on to dedup, with its original bytes
 * when {@link EnvelopeBytes} can reuse them for {@code events.log}.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(ValidateProcessor.class);
    private static final int MAX_DETAIL = 1000;
    // same reading as Json.MAPPER, but tells a document with a repeated key, whose bytes cannot be reused
    private static final JsonMapper UNIQUE_KEYS = Json.MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ProcessorMetrics metrics;
    private ProcessorContext<String, Object> context;

    ValidateProcessor(ProcessorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long started = System.nanoTime();
        byte[] bytes = record.value();
        if (bytes == null) {
            reject(record, Rejections.UNDESERIALISABLE, "the record has no value", null);
        } else {
            routeParsed(record, bytes);
        }
        metrics.recordLatency(System.nanoTime() - started);
    }

    private void routeParsed(Record<String, byte[]> record, byte[] bytes) {
        JsonNode tree;
        boolean uniqueKeys = true;
        try {
            tree = UNIQUE_KEYS.readTree(bytes);
        } catch (JacksonException notUnique) {
            // rare: read it again as before, so what is accepted and the rejection detail stay the same
            try {
                tree = Json.MAPPER.readTree(bytes);
                uniqueKeys = false;
            } catch (JacksonException e) {
                reject(record, Rejections.UNDESERIALISABLE, "not JSON: " + e.getOriginalMessage(), null);
                return;
            }
        }
        if (tree == null || !tree.isObject()) {
            reject(record, Rejections.UNDESERIALISABLE, "not a JSON object", null);
            return;
        }
        List<SchemaViolation> envelopeViolations = EventSchemas.validateEnvelope(tree);
        if (!envelopeViolations.isEmpty()) {
            reject(record, Rejections.INVALID_ENVELOPE, describe(envelopeViolations), null);
            return;
        }
        List<SchemaViolation> payloadViolations =
                EventSchemas.validatePayload(tree.get("eventType").asString(), tree.get("payload"), "/payload");
        if (!payloadViolations.isEmpty()) {
            reject(record, Rejections.INVALID_PAYLOAD, describe(payloadViolations), null);
            return;
        }
        EventEnvelope envelope;
        try {
            envelope = EnvelopeReader.fromValidatedTree(tree);
        } catch (JacksonException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            reject(record, Rejections.INVALID_ENVELOPE, "cannot read envelope: " + e.getMessage(), null);
            return;
        }
        if (!envelope.key().equals(record.key())) {
            // versions are only gapless when all events of an aggregate share one partition
            reject(record, Rejections.KEY_MISMATCH, "record key " + record.key() + " is not the envelope's "
                    + envelope.key(), envelope);
            return;
        }
        byte[] reusable = uniqueKeys ? EnvelopeBytes.reusable(bytes, tree, envelope) : null;
        context.forward(record.withValue(new ValidatedEvent(envelope, reusable)), EventPipelineTopology.DEDUP);
    }

    private void reject(Record<String, byte[]> record, String reason, String detail, EventEnvelope envelope) {
        RecordMetadata from = context.recordMetadata().orElse(null);
        log.warn("rejected record at {}: {} ({})", from == null ? "?" : from.topic() + "-" + from.partition() + "@"
                + from.offset(), reason, abbreviate(detail, 200));
        metrics.rejected(reason);
        context.forward(Rejections.of(record, from, reason, abbreviate(detail, MAX_DETAIL), envelope,
                envelope == null ? record.value() : null), EventPipelineTopology.REJECTED_SINK);
    }

    private static String describe(List<SchemaViolation> violations) {
        return violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + ": " + v.message())
                .collect(Collectors.joining("; "));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
