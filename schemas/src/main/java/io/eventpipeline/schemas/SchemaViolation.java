package io.eventpipeline.schemas;

/**
 * One way a JSON document breaks its schema.
 *
 * @param pointer RFC 6901 JSON pointer to the offending value ({@code ""} for the document itself)
 * @param message what is wrong there
 */
public record SchemaViolation(String pointer, String message) {
}
