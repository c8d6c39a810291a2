package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RejectionReasonTest {

    @Test
    void shouldWriteEveryReasonInSnakeCase() {
        assertThat(RejectionReason.values()).allSatisfy(r -> assertThat(r.wireName())
                .matches("[a-z]+(_[a-z]+)*").isEqualTo(r.name().toLowerCase(Locale.ROOT)));
    }

    @Test
    void shouldKeepTheWireNamesOperatorsAlreadyFilterBy() {
        assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::wireName)).contains(
                "undeserialisable", "invalid_envelope", "invalid_payload", "key_mismatch", "version_conflict",
                "unreadable_event", "missing_version", "not_writable", "too_large", "partition_retired");
    }

    @Test
    void shouldReadBackWhatItWritesAsJson() {
        for (RejectionReason reason : RejectionReason.values()) {
            String json = Json.MAPPER.writeValueAsString(reason);

            assertThat(json).isEqualTo("\"" + reason.wireName() + "\"");
            assertThat(Json.MAPPER.readValue(json, RejectionReason.class)).isEqualTo(reason);
        }
    }

    @Test
    void shouldRefuseAnUnknownWireName() {
        assertThatThrownBy(() -> RejectionReason.fromWire("VERSION_CONFLICT"))
                .hasMessageContaining("unknown rejection reason 'VERSION_CONFLICT'");
    }
}
