package io.eventpipeline.ingest.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.eventpipeline.ingest.api.ProblemException;
import io.eventpipeline.ingest.api.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} to its producer. Lookups by hash are cached briefly (also
 * misses, so a flood of wrong keys does not reach Postgres); a revocation takes effect within the cache
 * TTL. Missing or unknown key: 401; revoked or expired: 403.
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final LoadingCache<String, Optional<ApiKeys.ApiKey>> byHash;

    public Authenticator(ApiKeys keys, Duration cacheTtl, MeterRegistry meters) {
        this.byHash = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(cacheTtl)
                .recordStats()
                .build(keys::findByHash);
        CaffeineCacheMetrics.monitor(meters, byHash, "ingest.api-keys");
    }

    /** @return the producer id the key belongs to */
    public String producerOf(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Send Authorization: Bearer <api key>");
        }
        String plain = authorization.substring(BEARER.length()).strip();
        ApiKeys.ApiKey key = byHash.get(ApiKeys.hash(plain))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "Unknown API key"));
        if (!key.isUsableAt(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The API key is " + (ApiKeys.ACTIVE.equals(key.status()) ? "expired" : key.status()));
        }
        return key.producerId();
    }
}
