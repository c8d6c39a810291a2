package io.eventpipeline.admin.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Start and end offsets of partitions. End offsets are read_committed (the last stable offset): a
 * transaction still open is not lag a consumer could read, and a transaction marker is not a record.
 */
public final class Offsets {

    private Offsets() {
    }

    public static Map<TopicPartition, Long> end(Admin admin, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return list(admin, partitions, OffsetSpec.latest());
    }

    public static Map<TopicPartition, Long> start(Admin admin, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return list(admin, partitions, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> list(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        if (request.isEmpty()) {
            return result;
        }
        var listed = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        listed.forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }
}
