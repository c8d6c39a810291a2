package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins the key format on cache.invalidations: consumers outside this repository depend on it. */
class CacheKeysTest {

    @Test
    void shouldFormatKeysAsTheInvalidationTopicCarriesThem() {
        assertThat(CacheKeys.aggregate("order", "o-17")).isEqualTo("aggregate:order/o-17");
        assertThat(CacheKeys.aggregate("order/o-17")).isEqualTo("aggregate:order/o-17");
        assertThat(CacheKeys.userMemories("u-1")).isEqualTo("memories:user:u-1");
        assertThat(CacheKeys.memory("m-1")).isEqualTo("memory:m-1");
        assertThat(CacheKeys.mcpContext("c-1")).isEqualTo("mcp-context:c-1");
    }
}
