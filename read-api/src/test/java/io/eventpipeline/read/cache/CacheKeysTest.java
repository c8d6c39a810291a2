package io.eventpipeline.read.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pins the key format the projection-writer publishes (its {@code invalidate.CacheKeys}: "aggregate:" +
 * aggregateType/aggregateId, "memory:" + memoryId, "memories:user:" + userId, "mcp-context:" + contextId). If the writer changes it, change both.
 */
class CacheKeysTest {

    @Test
    void shouldFormatKeysExactlyAsTheWriterPublishesThem() {
        assertThat(CacheKeys.aggregate("order", "o-17")).isEqualTo("aggregate:order/o-17");
        assertThat(CacheKeys.userMemories("u-1")).isEqualTo("memories:user:u-1");
        assertThat(CacheKeys.memory("m-1")).isEqualTo("memory:m-1");
        assertThat(CacheKeys.mcpContext("c-1")).isEqualTo("mcp-context:c-1");
    }
}
