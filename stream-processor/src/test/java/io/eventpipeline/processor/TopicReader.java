package io.eventpipeline.processor;

import io.eventpipeline.schemas.Topic;
import io.eventpipeline.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic as downstream consumers do (read_committed, from the beginning, every partition, new ones
 * too) on its own thread, keeping every record in arrival order per partition.
 */
public final class TopicReader<V> implements AutoCloseable {

    private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private TopicReader(String bootstrap, Topic<String, V> topic) {
        thread = Thread.ofPlatform().daemon().name("reader-" + topic.name()).start(() -> read(bootstrap, topic));
    }

    public static <V> TopicReader<V> committed(String bootstrap, Topic<String, V> topic) {
        return new TopicReader<>(bootstrap, topic);
    }

    private void read(String bootstrap, Topic<String, V> topic) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> assigned = List.of();
            while (running.get()) {
                List<TopicPartition> partitions = partitions(consumer, topic.name());
                if (!partitions.equals(assigned)) {
                    List<TopicPartition> added = new ArrayList<>(partitions);
                    added.removeAll(assigned);
                    consumer.assign(partitions);
                    consumer.seekToBeginning(added);
                    assigned = partitions;
                }
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(100))) {
                    records.add(r);
                    arrivals.add(System.currentTimeMillis());
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
    }

    public List<ConsumerRecord<String, V>> records() {
        return List.copyOf(records);
    }

    /** When each record of {@link #records()} was read, in the same order (epoch millis). */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    public List<V> values() {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** The values once at least {@code count} arrived. */
    public List<V> await(Duration timeout, int count) {
        Await.until(timeout, count + " records", () -> records.size() >= count);
        return values();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
