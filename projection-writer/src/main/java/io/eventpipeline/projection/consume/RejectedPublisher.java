package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.Rejection;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * Sends records the writer cannot store to {@code events.rejected}, with the reason in the value and in
 * the {@link Topics#REASON_HEADER} header, and waits for the acknowledgement: the batch transaction
 * (and with it the offsets passing these records) commits only after that.
 */
public final class RejectedPublisher implements BatchWriter.RejectionSink {

    private final Producer<String, RejectedEvent> producer;
    private final Topic<String, RejectedEvent> topic;
    private final Clock clock;
    private final Duration timeout;

    public RejectedPublisher(Producer<String, RejectedEvent> producer, Topic<String, RejectedEvent> topic, Clock clock,
            Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<Rejection> rejections) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejections.size());
        for (Rejection r : rejections) {
            RejectedEvent value = RejectedEvent.of(RejectionReason.fromWire(r.reason()), r.detail(),
                    new RejectedEvent.Source(r.key(), r.topic(), r.partition(), r.offset()), r.envelope(),
                    r.originalBytes(), clock.instant());
            ProducerRecord<String, RejectedEvent> record = new ProducerRecord<>(topic.name(), r.key(), value);
            record.headers().add(Topics.REASON_HEADER, value.reason().wireName().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("events.rejected not acknowledged: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing rejections", e);
        }
    }
}
