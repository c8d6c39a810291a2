package io.eventpipeline.read.api;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Storable;
import tools.jackson.databind.JsonNode;

/** A query parameter out of range or missing: a 400 problem naming it. */
final class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    static int limit(Integer value, int defaultValue, int max) {
        int limit = value == null ? defaultValue : value;
        if (limit < 1 || limit > max) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + max);
        }
        return limit;
    }

    /** A non-empty JSON object of at most {@code maxLength} characters that PostgreSQL's jsonb can hold. */
    static JsonNode jsonObject(String name, String value, int maxLength) {
        String text = required(name, value);
        if (text.length() > maxLength) {
            throw new InvalidParameterException(name, name + " must be at most " + maxLength + " characters");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.isEmpty() || !Storable.violations(node).isEmpty()) {
            throw new InvalidParameterException(name, name + " must be a non-empty JSON object such as {\"status\":\"paid\"}");
        }
        return node;
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name, name + " is required");
        }
        return value;
    }
}
