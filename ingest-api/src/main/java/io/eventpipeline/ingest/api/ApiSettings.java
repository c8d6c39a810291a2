package io.eventpipeline.ingest.api;

import java.time.Duration;

/**
 * What the HTTP edge needs of the service's settings (read and validated by {@code config}).
 *
 * @param maxBodyBytes         {@code MAX_BODY_BYTES}: body of one event
 * @param maxBatchBytes        {@code MAX_BATCH_BYTES}: body of a batch
 * @param maxBatchEvents       {@code MAX_BATCH_EVENTS}
 * @param eventsPerSecond      {@code RATE_LIMIT_PER_SECOND}, for the 429's detail
 * @param slowRequestThreshold {@code SLOW_REQUEST_THRESHOLD}
 * @param topicPrefix          {@code TOPIC_PREFIX}, which also namespaces the Redis keys
 */
public record ApiSettings(int maxBodyBytes, int maxBatchBytes, int maxBatchEvents, long eventsPerSecond,
        Duration slowRequestThreshold, String topicPrefix) {
}
