package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.EventSchemas;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadSchemasTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory.created", "memory.deleted", "mcp.context.recorded", "order.placed", "Not A Type", ""})
    void shouldAnswerAsTheSchemaRegistryWhenAskedOnceOrAgain(String eventType) {
        PayloadSchemas schemas = new PayloadSchemas();

        boolean first = schemas.exists(eventType);
        boolean again = schemas.exists(eventType);

        assertThat(first).isEqualTo(again).isEqualTo(EventSchemas.hasPayloadSchema(eventType));
    }

    @Test
    void shouldStillAnswerWhenMoreTypesThanItRemembersAreSeen() {
        PayloadSchemas schemas = new PayloadSchemas();
        IntStream.range(0, PayloadSchemas.MAX_REMEMBERED + 10).forEach(i -> schemas.exists("made.up." + i));

        boolean created = schemas.exists("memory.created");
        boolean unknown = schemas.exists("made.up.again");

        assertThat(created).isTrue();
        assertThat(unknown).isFalse();
    }
}
