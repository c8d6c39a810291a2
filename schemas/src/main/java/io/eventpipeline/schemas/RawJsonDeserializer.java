package io.eventpipeline.schemas;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads any JSON value and keeps it as compact JSON text (the counterpart of {@code @JsonRawValue}). */
final class RawJsonDeserializer extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        return context.readTree(parser).toString();
    }
}
