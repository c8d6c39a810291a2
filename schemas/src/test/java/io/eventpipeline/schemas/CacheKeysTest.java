package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins the key format on cache.invalidations: consumers outside this repository depend on it. */
class CacheKeysTest {

    @Test
    void shouldFormatKeysAsTheInvalidationTopicCarriesThem() {
        assertThat(CacheKeys.aggregate("p1", "order", "o-17")).isEqualTo("aggregate:p1/order/o-17");
        assertThat(CacheKeys.aggregate("p1/order/o-17")).isEqualTo("aggregate:p1/order/o-17");
        assertThat(CacheKeys.userMemories("p1", "u-1")).isEqualTo("memories:user:p1/u-1");
        assertThat(CacheKeys.memory("p1", "m-1")).isEqualTo("memory:p1/m-1");
        assertThat(CacheKeys.mcpContext("p1", "c-1")).isEqualTo("mcp-context:p1/c-1");
    }

    @Test
    void shouldGiveTwoProducersDifferentKeysForTheSameIds() {
        assertThat(CacheKeys.aggregate("a", "order", "o-17")).isNotEqualTo(CacheKeys.aggregate("b", "order", "o-17"));
        assertThat(CacheKeys.memory("a", "m-1")).isNotEqualTo(CacheKeys.memory("b", "m-1"));
        assertThat(CacheKeys.userMemories("a", "u-1")).isNotEqualTo(CacheKeys.userMemories("b", "u-1"));
        assertThat(CacheKeys.mcpContext("a", "c-1")).isNotEqualTo(CacheKeys.mcpContext("b", "c-1"));
    }
}
