package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.Json;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static String fp(String path, String json) {
        return Fingerprint.of("POST", path, Json.MAPPER.readTree(json));
    }

    @Test
    void shouldMatchWhenOnlyMemberOrderAndWhitespaceDiffer() {
        assertThat(fp("/v1/events", "{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}"))
                .isEqualTo(fp("/v1/events", " { \"b\" : { \"y\":\"z\", \"x\":[1, 2] }, \"a\" : 1 } "));
    }

    @Test
    void shouldDifferWhenContentArrayOrderOrPathDiffers() {
        String base = fp("/v1/events", "{\"a\":[1,2]}");

        assertThat(fp("/v1/events", "{\"a\":[2,1]}")).isNotEqualTo(base);
        assertThat(fp("/v1/events", "{\"a\":[1,2],\"b\":null}")).isNotEqualTo(base);
        assertThat(fp("/v1/events", "{\"a\":\"[1,2]\"}")).isNotEqualTo(base);
        assertThat(fp("/v1/events:batch", "{\"a\":[1,2]}")).isNotEqualTo(base);
    }
}
