package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.SchemaViolation;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a rejection (and, when given, its fixed envelope) into the record to put back on
 * {@code events.raw}, or refuses with the reason. The redriven event keeps its eventId, so the
 * processor's dedup still holds (a second redrive is a duplicate), and its producer, so it stays in its
 * producer's namespace; it carries a {@value #REDRIVE_HEADER} header naming the rejection.
 */
final class Redrive {

    static final String REDRIVE_HEADER = "redrive-of";

    private Redrive() {
    }

    /**
     * @param fixed the operator's fixed envelope, or null to send the refused event unchanged
     */
    static ProducerRecord<String, byte[]> toRaw(Rejection rejection, ObjectNode fixed, String rawTopic, SizeBudget budget) {
        ObjectNode candidate = fixed != null ? fixed.deepCopy() : unchanged(rejection);
        keepIdentity(rejection, candidate, "eventId");
        keepIdentity(rejection, candidate, "producerId");
        candidate.remove("version");
        refuseInvalid(rejection, candidate, fixed != null);
        EventEnvelope envelope = Json.MAPPER.treeToValue(candidate, EventEnvelope.class);
        byte[] value = Json.MAPPER.writeValueAsBytes(candidate);
        if (!budget.allowsEvent(value.length)) {
            throw new Refusal(rejection.id() + " would be " + value.length + " bytes on events.raw, more than EVENT_MAX_BYTES "
                    + budget.eventMaxBytes() + " (docs/decisions.md D2): the processor would refuse it as too_large");
        }
        return new ProducerRecord<>(rawTopic, null, envelope.key(), value, headers(rejection));
    }

    private static ObjectNode unchanged(Rejection rejection) {
        ObjectNode document = rejection.document();
        if (document != null) {
            return document;
        }
        String what = rejection.originalBytes() != null ? "its original bytes are not a JSON object"
                : "it is truncated: only the reason, eventId and key were kept";
        throw new Refusal(rejection.id() + " cannot be redriven as it is: " + what
                + ". Write the complete, fixed envelope to a file and pass --from-file (rejected show --envelope prints "
                + "what is left of it).");
    }

    private static void keepIdentity(Rejection rejection, ObjectNode candidate, String field) {
        String original = field.equals("producerId") ? rejection.producerId() : rejection.identity(field);
        String given = Rejection.text(candidate, field);
        if (original == null || field.equals("eventId") && !isUuid(original)) {
            // nothing valid to keep: the original's id was what made it invalid
            return;
        }
        if (given == null) {
            candidate.put(field, original);
        } else if (!Objects.equals(original, given)) {
            throw new Refusal("the fixed envelope's " + field + " " + given + " is not the rejected event's " + original
                    + ": a redrive keeps it (" + (field.equals("eventId") ? "so dedup still holds"
                    : "an event never moves to another producer") + ")");
        }
    }

    private static void refuseInvalid(Rejection rejection, ObjectNode candidate, boolean fixed) {
        List<SchemaViolation> violations = EventSchemas.validateEnvelope(candidate);
        if (violations.isEmpty() && candidate.get("eventType") != null && candidate.get("eventType").isString()) {
            violations = EventSchemas.validatePayload(candidate.get("eventType").asString(), candidate.get("payload"),
                    "/payload");
        }
        if (!violations.isEmpty()) {
            String list = violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + ": " + v.message())
                    .collect(Collectors.joining("; "));
            throw new Refusal((fixed ? "the fixed envelope for " : "") + rejection.id() + " would be rejected again ("
                    + list + ")" + (fixed ? "" : "; fix it and pass --from-file"));
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static RecordHeaders headers(Rejection rejection) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : rejection.record().headers()) {
            if (!header.key().equals(Topics.REASON_HEADER) && !header.key().equals(REDRIVE_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(REDRIVE_HEADER, rejection.id().toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
