package io.eventpipeline.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@code Authorization: Bearer <api key>} into a {@link Principal}, or refuses with an
 * {@link AccessDenied}. In order, cheapest first: a client address that failed too often (429, nothing
 * parsed); a missing or malformed header or token (401, no lookup); an unknown token (401); a revoked or
 * expired key (403); a key without the needed scope (403). Lookups go through the {@link KeyCache}, which
 * the {@link KeyChanges} keep current on every instance. A database failure is a
 * {@link KeyStoreUnavailableException} (answer 503).
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final KeyCache cache;
    private final FailureLimiter failures;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public Authenticator(ApiKeyStore store, KeyChanges changes, AccessSettings settings, MeterRegistry meters) {
        this.cache = new KeyCache(store, changes, settings, meters, System::nanoTime);
        this.failures = new FailureLimiter(settings);
        this.meters = meters;
        changes.listen(cache);
        Gauge.builder("access.key_changes.live", changes, c -> c.live() ? 1 : 0)
                .description("1 while API key changes are broadcast to this instance, 0 while caches use the fallback bound")
                .register(meters);
    }

    /** Authenticates and requires {@code needed}. */
    public Principal authorize(String authorization, String client, Scope needed) {
        Principal principal = authenticate(authorization, client);
        if (!principal.has(needed)) {
            count("insufficient_scope");
            throw AccessDenied.insufficientScope(needed);
        }
        return principal;
    }

    public Principal authenticate(String authorization, String client) {
        OptionalLong blocked = failures.blockedFor(client);
        if (blocked.isPresent()) {
            count("limited");
            throw AccessDenied.tooManyFailures(blocked.getAsLong());
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw failed(client, "missing", AccessDenied.unauthorized("Send Authorization: Bearer <api key>"));
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (!KeyTokens.isWellFormed(token)) {
            throw failed(client, "malformed", AccessDenied.unauthorized("The API key is malformed"));
        }
        ApiKey key = cache.lookup(KeyTokens.hash(token))
                .orElseThrow(() -> failed(client, "unknown", AccessDenied.unauthorized("Unknown API key")));
        if (!key.isUsableAt(OffsetDateTime.now(ZoneOffset.UTC))) {
            String state = ApiKey.ACTIVE.equals(key.status()) ? "expired" : key.status().toLowerCase(Locale.ROOT);
            throw failed(client, state, AccessDenied.forbidden("The API key is " + state));
        }
        count("ok");
        return key.principal();
    }

    private AccessDenied failed(String client, String outcome, AccessDenied denial) {
        failures.failed(client);
        count(outcome);
        return denial;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("access.authentications")
                .description("Authentication decisions by outcome").tag("outcome", o).register(meters)).increment();
    }
}
