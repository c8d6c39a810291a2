package io.eventpipeline.read.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L2 layer's health in metrics: {@code read_cache_l2_available}, {@code read_cache_l2_pending_evictions}
 * and {@code read_cache_l2_errors_total{operation}}. A failed operation is counted and logged at debug level
 * only: the read it served was answered from L1 or Postgres.
 */
final class L2Metrics {

    private static final Logger log = LoggerFactory.getLogger(L2Metrics.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    L2Metrics(MeterRegistry registry, BooleanSupplier usable, IntSupplier pendingEvictions) {
        this.registry = registry;
        // Strong references: a gauge holds its state weakly, and these lambdas are referenced nowhere else.
        Gauge.builder("read.cache.l2.available", usable, u -> u.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the Redis L2 is connected and has no eviction pending").register(registry);
        Gauge.builder("read.cache.l2.pending.evictions", pendingEvictions, IntSupplier::getAsInt).strongReference(true)
                .description("evictions that could not reach Redis yet; L2 is bypassed while > 0").register(registry);
    }

    /** Counts the failure and answers "no value" ({@code null}) in its place. */
    <T> T failed(String operation, Throwable e) {
        error(operation);
        log.debug("Redis L2 {} failed: {}", operation, e.toString());
        return null;
    }

    void error(String operation) {
        errors.computeIfAbsent(operation, op -> Counter.builder("read.cache.l2.errors")
                .description("Redis L2 operations that failed; the read was answered from L1 or Postgres")
                .tag("operation", op).register(registry)).increment();
    }
}
