package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class StorableTest {

    private static final String REQUEST = "{\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\","
            + "\"payload\":{}";

    @Test
    void shouldPointAtNulInTheIdsTypesPayloadAndMetadataOfARequest() {
        JsonNode request = json("{\"aggregateType\":\"order\",\"aggregateId\":\"o\\u0000-1\",\"eventType\":\"order.placed\","
                + "\"payload\":{\"a\\u0000\":1,\"list\":[\"x\",\"\\u0000\"]},\"metadata\":{\"m\":\"\\u0000\"}}");

        assertThat(EventSchemas.validateRequest(request)).extracting(SchemaViolation::pointer)
                .containsExactlyInAnyOrder("/aggregateId", "/payload/a\u0000", "/payload/list/1", "/metadata/m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-12-31T23:59:59Z", "0001-01-01T00:30:00+01:00", "+10000-01-01T00:00:00Z",
        "2026-11-27T08:00:00+19:00", "2026-02-30T00:00:00Z"})
    void shouldRefuseAnOccurredAtPostgresCannotStoreOrJavaCannotRead(String occurredAt) {
        JsonNode request = json(REQUEST + ",\"occurredAt\":\"" + occurredAt + "\"}");

        assertThat(EventSchemas.validateRequest(request)).extracting(SchemaViolation::pointer).containsExactly("/occurredAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-11-27T08:00:00+18:00",
        "2026-11-27T08:00:00.5-03:30", "2026-11-27t08:00:00z"})
    void shouldAcceptInstantsWithinTheStorableYears(String occurredAt) {
        JsonNode request = json(REQUEST + ",\"occurredAt\":\"" + occurredAt + "\"}");

        assertThat(EventSchemas.validateRequest(request)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "1e30", "-9223372036854775809"})
    void shouldRefuseAnExpectedVersionOutsideBigint(String expected) {
        JsonNode request = json(REQUEST + ",\"expectedVersion\":" + expected + "}");

        assertThat(Storable.violations(request)).extracting(SchemaViolation::pointer).containsExactly("/expectedVersion");
    }

    @Test
    void shouldAcceptAWholeDecimalVersionInsideBigint() {
        assertThat(Storable.violations(json(REQUEST + ",\"expectedVersion\":5.0}"))).isEmpty();
    }

    @Test
    void shouldNameTheProblemInTheMessage() {
        JsonNode request = json(REQUEST.replace("{}", "{\"k\":\"\\ud800\"}") + "}");

        assertThat(Storable.violations(request)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("lone UTF-16 surrogate"));
    }

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }
}
