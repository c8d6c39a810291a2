package io.eventpipeline.admin.partitions;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * What the processor has on the broker: its internal topics with their partition counts, its shard
 * count (the partitions of its repartition topics, docs/decisions.md D4) and the members of its group.
 */
record ProcessorFootprint(String group, Map<String, Integer> internalTopics, OptionalInt shards, int members) {

    static ProcessorFootprint read(Admin admin, String group) throws ExecutionException, InterruptedException {
        List<String> internal = admin.listTopics().names().get().stream().filter(t -> t.startsWith(group + "-")).toList();
        Map<String, Integer> partitions = new TreeMap<>();
        admin.describeTopics(internal).allTopicNames().get()
                .forEach((name, d) -> partitions.put(name, d.partitions().size()));
        List<Integer> shardCounts = partitions.entrySet().stream().filter(e -> e.getKey().endsWith("-repartition"))
                .map(Map.Entry::getValue).distinct().toList();
        OptionalInt shards = shardCounts.size() == 1 ? OptionalInt.of(shardCounts.getFirst()) : OptionalInt.empty();
        return new ProcessorFootprint(group, partitions, shards, members(admin, group));
    }

    private static int members(Admin admin, String group) throws ExecutionException, InterruptedException {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get();
            return description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    List<String> repartitionTopics() {
        return internalTopics.keySet().stream().filter(t -> t.endsWith("-repartition")).toList();
    }

    boolean isInternal(String topic) {
        return topic.startsWith(group + "-");
    }
}
