package io.eventpipeline.ingest.publish;

import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemException.ItemError;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.ingest.tracing.RecordTracing;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends envelopes to {@code events.raw}, keyed by aggregate so one aggregate's events keep their order.
 * The producer is idempotent with {@code acks=all} and lz4: an acknowledgement means the record is on
 * every in-sync replica. {@link #publish} returns only after every record is acknowledged, or throws.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, EventEnvelope> topic;
    private final long waitMillis;
    private final Timer sendLatency;
    private final SizeBudget budget;
    private final KafkaReadiness readiness;
    private final RecordTracing tracing;

    public EventPublisher(ProducerSettings config, KafkaReadiness readiness, MeterRegistry meters) {
        this(config, readiness, meters, RecordTracing.off());
    }

    /** {@code tracing} gives every record a span, child of the request's, and its {@code traceparent} header. */
    public EventPublisher(ProducerSettings config, KafkaReadiness readiness, MeterRegistry meters, RecordTracing tracing) {
        this.readiness = readiness;
        this.tracing = tracing;
        this.topic = Topics.EVENTS_RAW.prefixed(config.topicPrefix());
        this.producer = new KafkaProducer<>(producerProperties(config), topic.keySerde().serializer(), new ByteArraySerializer());
        this.waitMillis = config.kafkaDeliveryTimeout().toMillis() + 2_000;
        this.budget = config.budget();
        this.sendLatency = Timer.builder("ingest.kafka.send")
                .description("Time from send to acknowledgement of all records of one request")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    static Properties producerProperties(ProducerSettings config) {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.budget().producerMaxRequestSize());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-api");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, config.kafkaLingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.kafkaBatchBytes());
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        int delivery = (int) config.kafkaDeliveryTimeout().toMillis();
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, delivery / 2 - config.kafkaLingerMs()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        // A request must not hang on a missing broker: metadata and buffer waits are bounded too.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(delivery, 5000));
        return p;
    }

    public String topicName() {
        return topic.name();
    }

    /**
     * Sends all envelopes and waits until Kafka acknowledged every one.
     *
     * @throws PublishFailedException when any record was not acknowledged in time
     */
    public List<RecordMetadata> publish(AcceptedEvents events) throws PublishFailedException {
        // Serialise everything first: a value that cannot be written fails the request before any record is sent.
        List<byte[]> values = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            values.add(events.value(i));
        }
        requireWithinBudget(values);
        long start = System.nanoTime();
        try {
            List<RecordMetadata> acked = awaitAll(send(events, values));
            readiness.acknowledged();
            return acked;
        } catch (PublishFailedException e) {
            readiness.notAcknowledged();
            throw e;
        } finally {
            sendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<CompletableFuture<RecordMetadata>> send(AcceptedEvents events, List<byte[]> values)
            throws PublishFailedException {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
                var record = new ProducerRecord<>(topic.name(), events.key(i), values.get(i));
                Span span = tracing.started(record);
                producer.send(record, (metadata, error) -> {
                    RecordTracing.ended(span, error);
                    if (error != null) {
                        ack.completeExceptionally(error);
                    } else {
                        ack.complete(metadata);
                    }
                });
                acks.add(ack);
                if (ack.isCompletedExceptionally()) {
                    // failed inside send() (no metadata within max.block.ms): the rest would each wait as long
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw new PublishFailedException("Kafka did not take the records: " + e.getMessage(), e);
        }
        return acks;
    }

    private List<RecordMetadata> awaitAll(List<CompletableFuture<RecordMetadata>> acks) throws PublishFailedException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
        return acks.stream().map(CompletableFuture::join).toList();
    }

    /** The real record bytes, not only the body, must fit EVENT_MAX_BYTES; all items are reported at once. */
    private void requireWithinBudget(List<byte[]> values) {
        List<ItemError> tooLarge = new ArrayList<>(0);
        for (int i = 0; i < values.size(); i++) {
            if (!budget.allowsEvent(values.get(i).length)) {
                tooLarge.add(new ItemError(values.size() == 1 ? null : i, "", "the stored event would be "
                        + values.get(i).length + " bytes; EVENT_MAX_BYTES is " + budget.eventMaxBytes()));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An event with its envelope exceeds EVENT_MAX_BYTES ("
                    + budget.eventMaxBytes() + " bytes); nothing was accepted", tooLarge, Map.of());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
