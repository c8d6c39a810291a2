package io.eventpipeline.read.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pins the key format the projection-writer publishes (its {@code invalidate.CacheKeys}: "aggregate:" +
 * aggregateType/aggregateId, "memories:user:" + userId). If the writer changes it, change both.
 */
class CacheKeysTest {

    @Test
    void shouldFormatKeysExactlyAsTheWriterPublishesThem() {
        assertThat(CacheKeys.aggregate("order", "o-17")).isEqualTo("aggregate:order/o-17");
        assertThat(CacheKeys.userMemories("u-1")).isEqualTo("memories:user:u-1");
    }
}
