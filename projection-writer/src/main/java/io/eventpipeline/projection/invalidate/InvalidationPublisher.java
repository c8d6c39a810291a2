package io.eventpipeline.projection.invalidate;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes invalidations on {@code cache.invalidations}, one message per cache key (the record key),
 * with the event's {@code traceparent} header, and returns only when the broker acknowledged all of them
 * (idempotent producer, acks=all).
 */
public final class InvalidationPublisher {

    /** The W3C trace context header: the trace of the event that made the message continues to the consumers. */
    public static final String TRACEPARENT = "traceparent";

    private final Producer<String, CacheInvalidation> producer;
    private final Topic<String, CacheInvalidation> topic;
    private final Duration timeout;

    public InvalidationPublisher(Producer<String, CacheInvalidation> producer, Topic<String, CacheInvalidation> topic,
            Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    public void publish(List<PlannedInvalidation> messages) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(messages.size());
        for (PlannedInvalidation planned : messages) {
            for (String key : planned.message().keys()) {
                ProducerRecord<String, CacheInvalidation> record = new ProducerRecord<>(topic.name(), key, planned.message());
                if (planned.traceparent() != null) {
                    record.headers().add(TRACEPARENT, planned.traceparent().getBytes(StandardCharsets.UTF_8));
                }
                acks.add(producer.send(record));
            }
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cache.invalidations not acknowledged: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing invalidations", e);
        }
    }

    public String topicName() {
        return topic.name();
    }
}
