package io.eventpipeline.admin.inspect;

import io.eventpipeline.admin.config.Clients;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.Units;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The processor's committed version of one aggregate: the last value for its key in the version store's
 * changelog ({@code <application id>-version-store-changelog}, String keys, Long values), read_committed.
 * That is exactly what the processor's store holds after a restore. The key's partition there is its
 * shard: murmur2 of the key over the changelog's partitions, as Kafka Streams routes it.
 *
 * @param version   the version, or null when the processor has never versioned the aggregate
 * @param partition the changelog partition that holds it
 */
record ProcessorVersion(String topic, int partition, Long version) {

    private static final Duration POLL = Duration.ofMillis(200);

    static ProcessorVersion read(Clients clients, Console console, String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = clients.reader()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, clients.settings().timeout());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("the processor's version store changelog " + topic + " does not exist "
                        + "(PROCESSOR_APPLICATION_ID, TOPIC_PREFIX?)");
            }
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % infos.size();
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), clients.settings().timeout()).get(tp);
            return new ProcessorVersion(topic, partition, lastValue(consumer, tp, end, key, console, clients));
        }
    }

    private static Long lastValue(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long end, String key,
            Console console, Clients clients) {
        Long version = null;
        long deadline = System.nanoTime() + clients.settings().timeout().toNanos();
        long read = 0;
        while (consumer.position(tp) < end) {
            var records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                if (key.equals(record.key()) && record.offset() < end) {
                    version = record.value() == null ? null : ByteBuffer.wrap(record.value()).getLong();
                }
            }
            read += records.count();
            if (read > 0 && read % 100_000 < records.count()) {
                console.progress("read " + Units.count(read) + " records of " + tp);
            }
            if (!records.isEmpty()) {
                deadline = System.nanoTime() + clients.settings().timeout().toNanos();
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no progress reading " + tp + " for " + clients.settings().timeout());
            }
        }
        return version;
    }
}
