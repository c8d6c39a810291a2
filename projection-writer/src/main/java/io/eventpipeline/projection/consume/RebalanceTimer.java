package io.eventpipeline.projection.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long this writer held no partitions during a rebalance: from giving partitions up to
 * getting its new assignment ({@code writer.rebalance.pause}). Called on the poll thread only.
 */
final class RebalanceTimer {

    private static final Logger log = LoggerFactory.getLogger(RebalanceTimer.class);

    private final Timer pauses;
    private long revokedAtNanos = -1;

    RebalanceTimer(MeterRegistry registry) {
        this.pauses = Timer.builder("writer.rebalance.pause")
                .description("time from revoking partitions to the next assignment, per rebalance of this writer")
                .register(registry);
    }

    void revoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty() && revokedAtNanos < 0) {
            revokedAtNanos = System.nanoTime();
        }
    }

    void assigned(Collection<TopicPartition> partitions) {
        if (revokedAtNanos >= 0) {
            Duration pause = Duration.ofNanos(System.nanoTime() - revokedAtNanos);
            pauses.record(pause);
            log.info("rebalance: {} partition(s) assigned {} ms after revocation: {}", partitions.size(), pause.toMillis(),
                    partitions);
            revokedAtNanos = -1;
        } else {
            log.info("rebalance: assigned {}", partitions);
        }
    }
}
