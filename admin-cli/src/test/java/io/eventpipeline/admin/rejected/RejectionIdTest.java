package io.eventpipeline.admin.rejected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RejectionIdTest {

    @Test
    void shouldParseTopicsWithDashesAndPrintTheSameForm() {
        RejectionId id = RejectionId.parse("my-prefix.events.rejected-12-345");

        assertThat(id).isEqualTo(new RejectionId("my-prefix.events.rejected", 12, 345));
        assertThat(id.toString()).isEqualTo("my-prefix.events.rejected-12-345");
    }

    @Test
    void shouldRefuseWhatIsNotTopicPartitionOffset() {
        assertThatThrownBy(() -> RejectionId.parse("events.rejected-2")).hasMessageContaining("<topic>-<partition>-<offset>");
    }
}
