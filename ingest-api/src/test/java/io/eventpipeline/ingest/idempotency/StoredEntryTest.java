package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredEntryTest {

    @Test
    void shouldRoundTripCompletedEntryWithBodyBytesIntact() {
        byte[] body = "{\"eventId\":\"x|y\",\"n\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        var entry = new StoredEntry.Completed("fp", 202, body);

        StoredEntry decoded = StoredEntry.decode(entry.encode());

        assertThat(decoded).isInstanceOfSatisfying(StoredEntry.Completed.class, c -> {
            assertThat(c.fingerprint()).isEqualTo("fp");
            assertThat(c.status()).isEqualTo(202);
            assertThat(c.body()).isEqualTo(body);
        });
    }

    @Test
    void shouldRoundTripInProgressClaim() {
        var claim = new StoredEntry.InProgress("owner-1", "fp");

        assertThat(StoredEntry.decode(claim.encode())).isEqualTo(claim);
    }
}
