package io.eventpipeline.projection.consume;

import java.time.Duration;

/**
 * How the poll loop runs.
 *
 * @param topic          the {@code events.log} topic, prefixed
 * @param group          the consumer group, which is also the key of the positions stored in Postgres
 * @param sweepInterval  how often the invalidation outbox is swept for messages not yet published
 */
public record ConsumerOptions(String topic, String group, int batchMaxRecords, Duration batchMaxWait,
        Duration backoffInitial, Duration backoffMax, Duration sweepInterval) {
}
