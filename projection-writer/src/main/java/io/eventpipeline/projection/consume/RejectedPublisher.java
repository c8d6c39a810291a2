package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionRecord;
import io.eventpipeline.schemas.SizeBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the writer cannot store to {@code events.rejected} and waits for the acknowledgement:
 * the batch transaction (and with it the offsets passing these records) commits only after that. The
 * writer's production exception handler: a rejection is sized by {@link RejectionRecord} (the truncated
 * form when the full one exceeds the {@link SizeBudget}), and one the topic still refuses as too large
 * is sent again truncated, so a record is never skipped without a record on {@code events.rejected}.
 */
public final class RejectedPublisher implements BatchWriter.RejectionSink {

    private static final Logger log = LoggerFactory.getLogger(RejectedPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final SizeBudget budget;
    private final Clock clock;
    private final Duration timeout;
    private final Counter truncated;

    public RejectedPublisher(Producer<String, byte[]> producer, String topic, SizeBudget budget, Clock clock,
            Duration timeout, MeterRegistry registry) {
        this.producer = producer;
        this.topic = topic;
        this.budget = budget;
        this.clock = clock;
        this.timeout = timeout;
        this.truncated = Counter.builder("writer.rejections.truncated")
                .description("rejections written in the truncated form because the full one would not fit")
                .register(registry);
    }

    @Override
    public void publish(List<Rejection> rejections) {
        List<RejectionRecord> records = new ArrayList<>(rejections.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejections.size());
        for (Rejection r : rejections) {
            RejectionRecord record = RejectionRecord.of(full(r), r.headers(), budget);
            records.add(record);
            acks.add(send(record));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            if (isTooLarge(acks.get(i))) {
                log.warn("{}: the rejection of {}-{}@{} is too large for the topic, sending it truncated", topic,
                        records.get(i).event().sourceTopic(), records.get(i).event().partition(),
                        records.get(i).event().offset());
                acks.set(i, send(RejectionRecord.of(records.get(i).event(), null, SizeBudget.TRUNCATED_REJECTION_MAX_BYTES)));
                producer.flush();
            }
            await(acks.get(i));
        }
    }

    private RejectedEvent full(Rejection r) {
        return RejectedEvent.of(r.reason(), r.detail(), new RejectedEvent.Source(r.recordKey(), r.topic(), r.partition(),
                r.offset()), r.envelope(), r.originalBytes(), clock.instant());
    }

    private Future<RecordMetadata> send(RejectionRecord record) {
        if (record.event().truncated()) {
            truncated.increment();
        }
        return producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
    }

    private boolean isTooLarge(Future<RecordMetadata> ack) {
        try {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RecordTooLargeException;
        } catch (TimeoutException e) {
            return false; // await() below reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing rejections", e);
        }
    }

    private void await(Future<RecordMetadata> ack) {
        try {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("events.rejected not acknowledged: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing rejections", e);
        }
    }
}
