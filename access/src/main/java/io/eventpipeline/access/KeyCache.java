package io.eventpipeline.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Known keys and unknown tokens by hash, so that neither a valid key nor a repeated wrong one costs a
 * database query per request. Concurrent misses of one hash share one query. An announced change drops
 * the entry at once; while announcements do not arrive, an entry older than
 * {@link AccessSettings#fallbackTtl()} is read again.
 */
final class KeyCache implements KeyChanges.Listener {

    /** {@code key} is null for a token no key has. */
    private record Entry(ApiKey key, long loadedAt) {
    }

    private final ApiKeyStore store;
    private final KeyChanges changes;
    private final long fallbackNanos;
    private final LongSupplier nanoClock;
    private final Cache<String, Entry> entries;

    KeyCache(ApiKeyStore store, KeyChanges changes, AccessSettings settings, MeterRegistry meters, LongSupplier nanoClock) {
        this.store = store;
        this.changes = changes;
        this.fallbackNanos = settings.fallbackTtl().toNanos();
        this.nanoClock = nanoClock;
        this.entries = Caffeine.newBuilder().maximumSize(settings.cacheSize()).expireAfterWrite(settings.cacheTtl())
                .recordStats().build();
        CaffeineCacheMetrics.monitor(meters, entries, "access.api-keys");
    }

    Optional<ApiKey> lookup(String keyHash) {
        Entry cached = entries.getIfPresent(keyHash);
        if (cached != null && !isStale(cached)) {
            return Optional.ofNullable(cached.key());
        }
        if (cached != null) {
            entries.asMap().remove(keyHash, cached);
        }
        Entry loaded = entries.get(keyHash, this::load);
        return Optional.ofNullable(loaded.key());
    }

    private Entry load(String keyHash) {
        try {
            return new Entry(store.findByHash(keyHash).orElse(null), nanoClock.getAsLong());
        } catch (RuntimeException e) {
            throw new KeyStoreUnavailableException(e);
        }
    }

    private boolean isStale(Entry entry) {
        return !changes.live() && nanoClock.getAsLong() - entry.loadedAt() > fallbackNanos;
    }

    @Override
    public void changed(String keyHash) {
        entries.invalidate(keyHash);
    }

    @Override
    public void missedSome() {
        entries.invalidateAll();
    }
}
