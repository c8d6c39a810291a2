package io.eventpipeline.ingest.api;

import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.schemas.EventRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParserTest {

    private static final String VALID = "{\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"eventType\":\"order.placed\",\"payload\":{\"b\":1,\"a\":2}}";

    private static ProblemException refusal(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void shouldParseValidEventIntoCompactPayload() {
        EventRequest event = RequestParser.single(RequestParser.parse(VALID.getBytes(StandardCharsets.UTF_8)));

        assertThat(event.aggregateId()).isEqualTo("o-1");
        assertThat(event.payload().toString()).isEqualTo("{\"b\":1,\"a\":2}");
        assertThat(event.metadata()).isNull();
        assertThat(event.eventId()).isNull();
    }

    @Test
    void shouldRefuseAsMalformedWhenDuplicateMembersOrTrailingData() {
        assertThat(refusal(() -> RequestParser.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8))).type())
                .isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(refusal(() -> RequestParser.parse((VALID + " x").getBytes(StandardCharsets.UTF_8))).type())
                .isEqualTo(ProblemType.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseUnpairedSurrogatesWithPointer() {
        String body = VALID.replace("\"o-1\"", "\"\\ud800\"");

        ProblemException e = refusal(() -> RequestParser.single(RequestParser.parse(body.getBytes(StandardCharsets.UTF_8))));

        assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(e.toReply().bodyText()).contains("\"pointer\":\"/aggregateId\"");
    }

    @Test
    void shouldRefuseUnpairedSurrogatesWhetherEscapedInUpperCaseOrEncodedAsBytes() {
        String escaped = VALID.replace("{\"b\":1", "{\"b\":[\"x\\uDC00\"]");
        byte[] encoded = VALID.replace("\"b\":1", "\"b\":\"#\"").getBytes(StandardCharsets.UTF_8);
        byte[] withSurrogateBytes = replaceHash(encoded, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

        ProblemException escapedRefusal = refusal(() -> RequestParser.single(RequestParser.parse(escaped.getBytes(StandardCharsets.UTF_8))));
        ProblemException encodedRefusal = refusal(() -> RequestParser.single(RequestParser.parse(withSurrogateBytes)));

        assertThat(escapedRefusal.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(escapedRefusal.toReply().bodyText()).contains("\"pointer\":\"/payload/b/0\"");
        assertThat(encodedRefusal.type()).isIn(ProblemType.VALIDATION_FAILED, ProblemType.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseNulAnywhereWithItsPointer() {
        String[] bodies = {
                VALID.replace("\"o-1\"", "\"o\\u00001\""),
                VALID.replace("{\"b\":1", "{\"b\\u0000\":1"),
                VALID.replace("{\"b\":1", "{\"b\":[\"x\\u0000\"]"),
        };
        for (String body : bodies) {
            ProblemException e = refusal(() -> RequestParser.single(RequestParser.parse(body.getBytes(StandardCharsets.UTF_8))));

            assertThat(e.type()).as(body).isEqualTo(ProblemType.VALIDATION_FAILED);
            assertThat(e.toReply().bodyText()).as(body).contains("U+0000");
        }
    }

    @Test
    void shouldRefuseNumbersAndInstantsPostgresCannotStore() {
        String hugeNumber = VALID.replace("{\"b\":1", "{\"b\":1e131073");
        String farFuture = VALID.replace("\"payload\"", "\"occurredAt\":\"+10000-01-01T00:00:00Z\",\"payload\"");

        assertThat(refusal(() -> RequestParser.single(RequestParser.parse(hugeNumber.getBytes(StandardCharsets.UTF_8))))
                .toReply().bodyText()).contains("\"pointer\":\"/payload/b\"");
        assertThat(refusal(() -> RequestParser.single(RequestParser.parse(farFuture.getBytes(StandardCharsets.UTF_8))))
                .type()).isEqualTo(ProblemType.VALIDATION_FAILED);
    }

    @Test
    void shouldAcceptPairedSurrogateEscapes() {
        String body = VALID.replace("\"o-1\"", "\"o-\\uD83D\\uDE00\"");

        EventRequest event = RequestParser.single(RequestParser.parse(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(event.aggregateId()).isEqualTo("o-\uD83D\uDE00");
    }

    private static byte[] replaceHash(byte[] text, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text) {
            if (b == '#') {
                out.writeBytes(replacement);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    @Test
    void shouldRefuseExpectedVersionBeyondLongWhenSchemaAllowsIt() {
        String body = VALID.replace("{\"aggregateType\"", "{\"expectedVersion\":99999999999999999999999,\"aggregateType\"");

        ProblemException e = refusal(() -> RequestParser.single(RequestParser.parse(body.getBytes(StandardCharsets.UTF_8))));

        assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(e.toReply().bodyText()).contains("\"pointer\":\"/expectedVersion\"");
    }

    @Test
    void shouldRefuseBatchOverLimitAsTooLarge() {
        String batch = "[" + VALID + "," + VALID + "," + VALID + "]";

        assertThatThrownBy(() -> RequestParser.batch(RequestParser.parse(batch.getBytes(StandardCharsets.UTF_8)), 2))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.BATCH_TOO_LARGE));
    }
}
