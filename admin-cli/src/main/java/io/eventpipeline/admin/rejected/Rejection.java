package io.eventpipeline.admin.rejected;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record of {@code events.rejected}, read as a JSON tree so that a field added to the rejection
 * later (a truncated form, a digest) never makes it unreadable here.
 */
record Rejection(RejectionId id, ConsumerRecord<String, byte[]> record, JsonNode value) {

    static Rejection of(ConsumerRecord<String, byte[]> record) {
        JsonNode value;
        try {
            value = record.value() == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(record.value());
        } catch (JacksonException e) {
            value = Json.MAPPER.createObjectNode().put("detail", "unreadable rejection: " + e.getOriginalMessage());
        }
        return new Rejection(new RejectionId(record.topic(), record.partition(), record.offset()), record, value);
    }

    String reason() {
        Header header = record.headers().lastHeader(Topics.REASON_HEADER);
        return header != null ? new String(header.value(), StandardCharsets.UTF_8) : text(value, "reason");
    }

    Instant rejectedAt() {
        String at = text(value, "rejectedAt");
        try {
            return at != null ? Instant.parse(at) : Instant.ofEpochMilli(record.timestamp());
        } catch (RuntimeException e) {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    String detail() {
        return text(value, "detail");
    }

    /**
     * The event as it was refused: the envelope when the processor could read one, else the original
     * bytes when they are a JSON object; null when neither travelled (a truncated rejection) or the
     * bytes were not JSON.
     */
    ObjectNode document() {
        if (value.get("envelope") instanceof ObjectNode envelope) {
            return envelope.deepCopy();
        }
        byte[] original = originalBytes();
        if (original == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(original) instanceof ObjectNode object ? object : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The original bytes, when the rejection carries them (base64 in {@code originalBytes}). */
    byte[] originalBytes() {
        String encoded = text(value, "originalBytes");
        return encoded == null ? null : Base64.getDecoder().decode(encoded);
    }

    /** The event's id: from the event itself, else the field a truncated rejection keeps. */
    String eventId() {
        return identity("eventId");
    }

    /** The event's producer: from the event itself, else the first part of its key (decisions D1). */
    String producerId() {
        String producer = identity("producerId");
        String key = record.key();
        if (producer == null && key != null && key.chars().filter(c -> c == '/').count() == 2) {
            producer = key.substring(0, key.indexOf('/'));
        }
        return producer;
    }

    String identity(String field) {
        ObjectNode document = document();
        String fromDocument = document == null ? null : text(document, field);
        return fromDocument != null ? fromDocument : text(value, field);
    }

    static String text(JsonNode node, String field) {
        JsonNode member = node == null ? null : node.get(field);
        return member == null || member.isNull() || !member.isValueNode() ? null : member.asString();
    }
}
