package io.eventpipeline.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams application (a consumer group) has come through its input: the offsets it committed on
 * the input topic, held one short of the end while any other topic it reads (an internal repartition topic) still
 * has records it has not committed, so a topology that routes through such a topic counts as done only when
 * everything has passed through.
 */
final class GroupProgress implements Drain.Progress, AutoCloseable {

    private final Admin admin;
    private final String group;
    private final String input;
    private final long target;

    GroupProgress(Admin admin, String group, String input, long target) {
        this.admin = admin;
        this.group = group;
        this.input = input;
        this.target = target;
    }

    @Override
    public long done() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long onInput = committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(input) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
        if (onInput < target) {
            return onInput;
        }
        return otherTopicsCaughtUp(committed) ? onInput : target - 1;
    }

    /** Lag of at most one per partition (a transaction marker after the last record) counts as caught up. */
    private boolean otherTopicsCaughtUp(Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
        Map<TopicPartition, OffsetSpec> others = new HashMap<>();
        committed.keySet().stream().filter(tp -> !tp.topic().equals(input)).forEach(tp -> others.put(tp, OffsetSpec.latest()));
        if (others.isEmpty()) {
            return true;
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(others).all().get(10, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return c != null && e.getValue().offset() - c.offset() <= 1;
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}
