package io.eventpipeline.ingest.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per producer: {@code ratePerSecond} requests per second on average, bursts up to
 * {@code burst}. Buckets of idle producers are forgotten after ten minutes (a full bucket is what a new
 * one starts with anyway).
 */
public final class RateLimiter {

    private final double ratePerNano;
    private final long burst;
    private final LongSupplier clock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(double ratePerSecond, long burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.clock = nanoClock;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** @return empty when the request may pass, else how many whole seconds to wait (for Retry-After) */
    public OptionalLong tryAcquire(String producerId) {
        Bucket bucket = buckets.get(producerId, p -> new Bucket(burst, clock.getAsLong()));
        synchronized (bucket) {
            long now = clock.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1.0) {
                bucket.tokens -= 1.0;
                return OptionalLong.empty();
            }
            double waitSeconds = (1.0 - bucket.tokens) / (ratePerNano * 1e9);
            return OptionalLong.of(Math.max(1, (long) Math.ceil(waitSeconds)));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        private Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
