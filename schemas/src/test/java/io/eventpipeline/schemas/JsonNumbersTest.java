package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonNumbersTest {

    @Test
    void shouldKeepEveryDigitAndTrailingZeroWhenATreeIsWrittenBack() {
        String text = "{\"total\":12345678901234567890.123456789,\"rate\":1.50,\"count\":123456789012345678901234567890}";

        assertThat(Json.MAPPER.readTree(text).toString()).isEqualTo(text);
    }

    @Test
    void shouldPointAtNumbersPostgresCannotStoreWhereverTheyAre() {
        JsonNode doc = Json.MAPPER.readTree("""
                {"ok":[1e130000,1e-16383,2.5],"big":[0,{"a/b":1e999999}],"small":1e-16384}""");

        assertThat(JsonNumbers.beyondPostgres(doc, "/payload")).extracting(SchemaViolation::pointer)
                .containsExactlyInAnyOrder("/payload/big/1/a~1b", "/payload/small");
    }

    @Test
    void shouldRefuseAnOutOfRangeNumberAsAViolationNotAnException() {
        JsonNode event = Json.MAPPER.readTree("{\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\","
                + "\"payload\":{},\"expectedVersion\":1e999999}");

        assertThat(EventSchemas.validateRequest(event)).extracting(SchemaViolation::pointer).containsExactly("/expectedVersion");
    }
}
