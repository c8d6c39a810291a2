package io.eventpipeline.processor;

import io.eventpipeline.schemas.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Steady load on events.raw for scaling tests: events for a fixed set of aggregates in turn, a share of them
 * sent again (a producer's retry: same id, same bytes), paced, on its own thread. Remembers when each event
 * was first sent and to which partition each send went, so a test can tell which aggregates moved and how
 * long events took to reach events.log.
 */
final class LoadProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final int aggregates;
    private final double duplicateShare;
    private final Map<UUID, Long> firstSentAt = new ConcurrentHashMap<>();
    private final Map<UUID, String> aggregateOf = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> partitionsOf = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long run = System.nanoTime();
    private final int perTenMillis;
    private Thread thread;

    LoadProducer(String bootstrap, String topic, int aggregates, double duplicateShare) {
        this(bootstrap, topic, aggregates, duplicateShare, 0);
    }

    /**
     * At about {@code perSecond} sends a second (0: as fast as ~600/s): below what the processor does on a loaded
     * machine, so its output is steady and a gap in it is a pause, not a backlog.
     */
    LoadProducer(String bootstrap, String topic, int aggregates, double duplicateShare, int perSecond) {
        this.perTenMillis = perSecond / 100;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.aggregates = aggregates;
        this.duplicateShare = duplicateShare;
    }

    void start() {
        thread = Thread.ofPlatform().name("load-producer").start(this::produce);
    }

    private void produce() {
        Random random = new Random(42);
        List<EventEnvelope> sent = new ArrayList<>();
        for (long n = 0; running.get(); n++) {
            EventEnvelope event;
            if (!sent.isEmpty() && random.nextDouble() < duplicateShare) {
                event = sent.get(random.nextInt(sent.size()));
                duplicates.incrementAndGet();
            } else {
                event = TestEvents.envelope(TestEvents.idOf(run, n), "agg-" + (n % aggregates));
                sent.add(event);
                firstSentAt.put(event.eventId(), System.currentTimeMillis());
                aggregateOf.put(event.eventId(), event.key());
            }
            String key = event.key();
            producer.send(new ProducerRecord<>(topic, key, TestEvents.bytes(event)), (metadata, e) -> {
                if (e == null) {
                    partitionsOf.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(metadata.partition());
                }
            });
            pause(n);
        }
        producer.flush();
    }

    private void pause(long n) {
        long every = perTenMillis > 0 ? perTenMillis : 4;
        if (n % every == every - 1) {
            try {
                Thread.sleep(perTenMillis > 0 ? 10 : 5); // ~600 sends/s by default: load, not a benchmark
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Set<UUID> uniqueIds() {
        return Set.copyOf(firstSentAt.keySet());
    }

    int duplicatesSent() {
        return duplicates.get();
    }

    /** Aggregates with a send to a partition at or above {@code from}. */
    Set<String> aggregatesOnPartitionsFrom(int from) {
        return partitionsOf.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(p -> p >= from))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    Set<String> aggregatesOnNewPartitions() {
        return aggregatesOnPartitionsFrom(3);
    }

    /** How many distinct events of {@code aggregate} were first sent before {@code at}. */
    int sentBefore(String aggregate, long at) {
        return (int) firstSentAt.entrySet().stream()
                .filter(e -> e.getValue() < at && aggregate.equals(aggregateOf.get(e.getKey()))).count();
    }

    /** The longest time from first send to being read from events.log, of events sent after (or before) {@code at}. */
    long maxLatency(TopicReader<EventEnvelope> log, boolean after, long at) {
        List<ConsumerRecord<String, EventEnvelope>> records = log.records();
        List<Long> arrivals = log.arrivals();
        long max = 0;
        for (int i = 0; i < Math.min(records.size(), arrivals.size()); i++) {
            Long sentAt = firstSentAt.get(records.get(i).value().eventId());
            if (sentAt != null && (sentAt >= at) == after) {
                max = Math.max(max, arrivals.get(i) - sentAt);
            }
        }
        return max;
    }

    @Override
    public void close() throws InterruptedException {
        if (running.getAndSet(false) && thread != null) {
            thread.join(10_000);
        }
        producer.close();
    }
}
