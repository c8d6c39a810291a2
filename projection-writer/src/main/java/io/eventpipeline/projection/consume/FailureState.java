package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.batch.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the writer is failing on its infrastructure (Postgres, or Kafka for rejections and positions),
 * since when and why, and when to try again: exponential backoff with jitter. While failing, every
 * partition stays paused and the same batch is retried.
 */
final class FailureState {

    private static final Logger log = LoggerFactory.getLogger(FailureState.class);

    private final String topic;
    private final Backoff backoff;
    private final Counter failures;
    private volatile Instant failingSince;
    private volatile String lastFailure;
    private long retryAtNanos;

    FailureState(String topic, Duration backoffInitial, Duration backoffMax, MeterRegistry registry) {
        this.topic = topic;
        this.backoff = new Backoff(backoffInitial, backoffMax);
        this.failures = Counter.builder("writer.infrastructure.failures")
                .description("batch writes or position loads that failed on Postgres or Kafka and will be retried")
                .register(registry);
    }

    void failed(String what, RuntimeException e) {
        failures.increment();
        Duration delay = backoff.next();
        retryAtNanos = System.nanoTime() + delay.toNanos();
        lastFailure = what + ": " + Failures.describe(e);
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        log.warn("{}: {} failed, consumption paused, retrying in {} ms: {}", topic, what, delay.toMillis(),
                Failures.describe(e));
    }

    void recovered() {
        backoff.reset();
        retryAtNanos = 0;
        if (failingSince != null) {
            log.info("{}: writes work again after failing since {}", topic, failingSince);
        }
        failingSince = null;
        lastFailure = null;
    }

    boolean isFailing() {
        return failingSince != null;
    }

    boolean retryDue(long nowNanos) {
        return nowNanos >= retryAtNanos;
    }

    long nanosUntilRetry(long nowNanos) {
        return Math.max(0, retryAtNanos - nowNanos);
    }

    /** Null when not failing, else what failed and since when. */
    String describe() {
        Instant since = failingSince;
        return since == null ? null : lastFailure + " (since " + since + ")";
    }
}
