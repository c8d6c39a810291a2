package io.eventpipeline.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Limits failed authentications per client address with a Bucket4j token bucket: each failure takes a
 * token; an address without tokens is refused (429) before its token is even parsed, until the bucket
 * refills. Per instance: N instances behind a balancer allow N times the limit, still far too few
 * guesses for a 256-bit key. At most 100,000 addresses are tracked (idle ones are forgotten).
 */
final class FailureLimiter {

    private final Cache<String, Bucket> buckets;
    private final AccessSettings settings;

    FailureLimiter(AccessSettings settings) {
        this.settings = settings;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(settings.failureWindow().multipliedBy(2)).build();
    }

    /** @return the seconds to wait when this client may not try now */
    OptionalLong blockedFor(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            return OptionalLong.empty();
        }
        var probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
    }

    void failed(String client) {
        buckets.get(client, c -> Bucket.builder().addLimit(Bandwidth.builder().capacity(settings.failureLimit())
                .refillGreedy(settings.failureLimit(), settings.failureWindow()).build()).build()).tryConsume(1);
    }
}
