package io.eventpipeline.access;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * How API keys are cached and failed authentications limited; the same variables in every service.
 *
 * @param cacheTtl         {@code API_KEY_CACHE_TTL}: how long a looked-up key (or an unknown token) is
 *                         trusted while key changes are broadcast; a change is applied at once anyway
 * @param fallbackTtl      {@code API_KEY_FALLBACK_TTL}: while the broadcast is down, cached entries older
 *                         than this are read again, so a revocation still holds within about this long
 * @param cacheSize        {@code API_KEY_CACHE_SIZE}: known keys and unknown tokens remembered (TinyLFU:
 *                         a flood of one-off tokens does not push out the keys in use)
 * @param failureLimit     {@code AUTH_FAILURE_LIMIT}: failed authentications one client address may make
 * @param failureWindow    {@code AUTH_FAILURE_WINDOW}: ... per this window, before it gets 429 without a lookup
 */
public record AccessSettings(Duration cacheTtl, Duration fallbackTtl, long cacheSize, int failureLimit,
        Duration failureWindow) {

    public AccessSettings {
        require(cacheTtl.isPositive(), "API_KEY_CACHE_TTL", "must be > 0");
        require(fallbackTtl.isPositive(), "API_KEY_FALLBACK_TTL", "must be > 0");
        require(fallbackTtl.compareTo(cacheTtl) <= 0, "API_KEY_FALLBACK_TTL", "must not exceed API_KEY_CACHE_TTL");
        require(cacheSize > 0, "API_KEY_CACHE_SIZE", "must be > 0");
        require(failureLimit > 0, "AUTH_FAILURE_LIMIT", "must be > 0");
        require(failureWindow.isPositive(), "AUTH_FAILURE_WINDOW", "must be > 0");
    }

    public static AccessSettings from(Variables v) {
        return new AccessSettings(
                v.duration("API_KEY_CACHE_TTL", Duration.ofSeconds(60)),
                v.duration("API_KEY_FALLBACK_TTL", Duration.ofSeconds(1)),
                v.longValue("API_KEY_CACHE_SIZE", 100_000),
                v.integer("AUTH_FAILURE_LIMIT", 20),
                v.duration("AUTH_FAILURE_WINDOW", Duration.ofMinutes(1)));
    }
}
