package io.eventpipeline.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Times each key-store query by name as {@code db.query{query="api_keys.<name>"}} (the metric the
 * projection-writer's queries use too) and counts failures as {@code db.query.failures{query}}.
 */
final class TimedQueries {

    private final MeterRegistry meters;

    TimedQueries(MeterRegistry meters) {
        this.meters = meters;
    }

    <T> T run(String name, Supplier<T> query) {
        String tag = "api_keys." + name;
        Timer.Sample sample = Timer.start(meters);
        try {
            return query.get();
        } catch (RuntimeException e) {
            meters.counter("db.query.failures", "query", tag).increment();
            throw e;
        } finally {
            sample.stop(Timer.builder("db.query").description("Key store queries by name").tag("query", tag)
                    .register(meters));
        }
    }
}
