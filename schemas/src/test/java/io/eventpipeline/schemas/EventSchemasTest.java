package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventSchemasTest {

    @Test
    void shouldAcceptAMinimalRequest() {
        JsonNode event = json("{\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\",\"payload\":{}}");

        assertThat(EventSchemas.validateRequest(event)).isEmpty();
    }

    @Test
    void shouldPointAtEachBadFieldWhenTheRequestIsInvalid() {
        JsonNode event = json("{\"aggregateType\":\"Order!\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\","
                + "\"payload\":[],\"expectedVersion\":-1,\"eventId\":\"nope\"}");

        assertThat(EventSchemas.validateRequest(event)).extracting(SchemaViolation::pointer)
                .contains("/aggregateType", "/payload", "/expectedVersion", "/eventId");
    }

    @Test
    void shouldReportMissingRequiredFieldsAtTheDocument() {
        assertThat(EventSchemas.validateRequest(json("{}"))).hasSizeGreaterThanOrEqualTo(1)
                .allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void shouldRememberABoundedNumberOfEventTypesWithoutASchemaWhenProducersInventMany() {
        for (int i = 0; i < EventSchemas.MAX_REMEMBERED_TYPES + 500; i++) {
            assertThat(EventSchemas.hasPayloadSchema("invented.type" + i)).isFalse();
        }

        assertThat(EventSchemas.rememberedTypes()).isLessThanOrEqualTo(EventSchemas.MAX_REMEMBERED_TYPES);
        assertThat(EventSchemas.hasPayloadSchema("memory.created")).isTrue();
    }

    @Test
    void shouldValidateThePayloadOfATypeThatHasASchema() {
        assertThat(EventSchemas.hasPayloadSchema("memory.created")).isTrue();
        assertThat(EventSchemas.validatePayload("memory.created", json("{\"userId\":\"u\"}"), "/payload"))
                .extracting(SchemaViolation::pointer).containsExactly("/payload");
        assertThat(EventSchemas.validatePayload("memory.created", json("{\"userId\":\"u\",\"content\":5}"), "/payload"))
                .extracting(SchemaViolation::pointer).containsExactly("/payload/content");
    }

    @Test
    void shouldAcceptAnyPayloadOfATypeWithoutASchema() {
        assertThat(EventSchemas.hasPayloadSchema("order.placed")).isFalse();
        assertThat(EventSchemas.validatePayload("order.placed", json("{\"x\":1}"), "/payload")).isEmpty();
        assertThat(EventSchemas.validatePayload("../../etc/passwd", json("{}"), "/payload")).isEmpty();
    }

    @Test
    void shouldRequireCreatedAtAndEventIdOnTheEnvelope() {
        JsonNode envelope = json("{\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\",\"payload\":{}}");

        assertThat(EventSchemas.validateEnvelope(envelope)).isNotEmpty();
    }

    @Test
    void shouldRequireAProducerOfAllowedCharactersOnTheEnvelope() {
        String envelope = "{\"eventId\":\"6f1c3c1e-8a4b-4c7e-9a57-2f1c0e9f0a11\",\"aggregateType\":\"order\","
                + "\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\",\"payload\":{},"
                + "\"createdAt\":\"2026-11-27T08:00:00Z\"%s}";

        assertThat(EventSchemas.validateEnvelope(json(envelope.formatted(",\"producerId\":\"p-1.a_B\"")))).isEmpty();
        assertThat(EventSchemas.validateEnvelope(json(envelope.formatted("")))).isNotEmpty();
        for (String bad : new String[] {"", "a/b", "a:b", "a b", "x".repeat(65), "p\\n"}) {
            assertThat(EventSchemas.validateEnvelope(json(envelope.formatted(",\"producerId\":\"" + bad + "\""))))
                    .as("producerId %s", bad).extracting(SchemaViolation::pointer).containsExactly("/producerId");
        }
    }

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }
}
