package io.eventpipeline.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void shouldAllowBurstThenRefuseWithRetryAfterWhenBucketEmpty() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("p")).isEmpty();
        }

        assertThat(limiter.tryAcquire("p")).hasValue(1);
    }

    @Test
    void shouldRefillAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("p");
        }

        now.addAndGet(500_000_000L);

        assertThat(limiter.tryAcquire("p")).isEmpty();
        assertThat(limiter.tryAcquire("p")).isPresent();
    }

    @Test
    void shouldKeepProducersApart() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("p");
        }

        assertThat(limiter.tryAcquire("q")).isEmpty();
    }
}
