package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.Clients;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.Units;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code events.rejected} without a consumer group (nothing is committed, no other reader is
 * disturbed), read_committed, up to the end offsets taken when the read starts.
 */
final class RejectedLog {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final Clients clients;
    private final String topic;
    private final Console console;

    RejectedLog(Clients clients, String topic, Console console) {
        this.clients = clients;
        this.topic = topic;
        this.console = console;
    }

    /** Hands every rejection on the topic, partition by partition in offset order, to {@code each}. */
    void scan(Consumer<Rejection> each) {
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, clients.settings().timeout());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + clients.settings().kafkaBootstrapServers());
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, clients.settings().timeout());
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            readUntil(consumer, end, total, each);
        }
    }

    private void readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, long total,
            Consumer<Rejection> each) {
        long deadline = System.nanoTime() + clients.settings().timeout().toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        long read = 0;
        while (!reachedEnd(consumer, end)) {
            var records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(Rejection.of(record));
                }
            }
            read += records.count();
            if (!records.isEmpty()) {
                deadline = System.nanoTime() + clients.settings().timeout().toNanos();
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no progress reading " + topic + " for " + clients.settings().timeout());
            }
            if (System.nanoTime() > nextProgress) {
                console.progress("read " + Units.count(read) + " of about " + Units.count(total) + " records of " + topic);
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The rejection at {@code id}, or a clear error when there is none. */
    Rejection fetch(RejectionId id) {
        if (!id.topic().equals(topic)) {
            throw new IllegalArgumentException(id + " is not on " + topic + " (TOPIC_PREFIX='"
                    + clients.settings().topicPrefix() + "')");
        }
        TopicPartition partition = new TopicPartition(topic, id.partition());
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), clients.settings().timeout()).get(partition);
            long start = consumer.beginningOffsets(List.of(partition), clients.settings().timeout()).get(partition);
            if (id.offset() < start || id.offset() >= end) {
                throw new IllegalArgumentException("no rejection at " + id + ": partition " + id.partition()
                        + " holds offsets " + start + " to " + (end - 1));
            }
            consumer.seek(partition, id.offset());
            return find(consumer, partition, id, end);
        }
    }

    private Rejection find(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, RejectionId id, long end) {
        long deadline = System.nanoTime() + clients.settings().timeout().toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() == id.offset()) {
                    return Rejection.of(record);
                }
                if (record.offset() > id.offset()) {
                    break;
                }
            }
            if (consumer.position(partition) > id.offset()) {
                break;
            }
        }
        throw new IllegalArgumentException("no rejection at " + id
                + ": that offset holds no committed record (a transaction marker or an aborted write)");
    }
}
