package io.eventpipeline.processor;

import io.eventpipeline.processor.dedup.Dedup;
import io.eventpipeline.processor.topology.EventPipelineTopology;
import io.eventpipeline.processor.versioning.Versioning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The check at start that the state's layout still matches {@code PROCESSOR_SHARDS} (docs/decisions.md D4):
 * the shard topic and both changelogs of an application id have as many partitions as it has shards. A
 * different count means the shard count changed, or someone changed an internal topic by hand; either would
 * put an aggregate's events in one shard and its version in another. Found at start, it is refused loudly
 * (health DOWN, a log line naming what to do) instead of Kafka Streams failing at its next rebalance.
 */
final class ShardLayout {

    private ShardLayout() {
    }

    /** The internal topics whose partitions must equal the shard count. */
    static List<String> internalTopics(String applicationId) {
        return List.of(EventPipelineTopology.shardTopic(applicationId), applicationId + "-" + Dedup.STORE + "-changelog",
                applicationId + "-" + Versioning.STORE + "-changelog");
    }

    /** What is wrong, if anything; topics that do not exist yet are fine (Kafka Streams creates them). */
    static Optional<String> problem(Admin admin, String applicationId, int shards) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> present = internalTopics(applicationId).stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS)
                .forEach((name, description) -> partitions.put(name, partitionsOf(description)));
        return describe(applicationId, shards, partitions);
    }

    static Optional<String> describe(String applicationId, int shards, Map<String, Integer> partitions) {
        List<String> wrong = new ArrayList<>();
        partitions.forEach((topic, count) -> {
            if (count != shards) {
                wrong.add(topic + " has " + count);
            }
        });
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        boolean allAgree = partitions.values().stream().distinct().count() == 1;
        String fix = allAgree
                ? "the shard count of an application id cannot change in place: set PROCESSOR_SHARDS="
                        + partitions.values().iterator().next() + " again (a new shard count needs a new "
                        + "PROCESSOR_APPLICATION_ID, whose versions would restart at 1: not supported)"
                : "an internal topic was changed by hand; stop every instance, then for the shard topic run "
                        + "kafka-topics.sh --delete --topic " + EventPipelineTopology.shardTopic(applicationId)
                        + " once it is drained (Kafka Streams recreates it); a changelog cannot shrink: restore it "
                        + "from a backup (see stream-processor/README.md, Shards)";
        return Optional.of("unsupported change for " + applicationId + ": PROCESSOR_SHARDS=" + shards + " but "
                + String.join(", ", wrong) + " partitions. Refusing to process: " + fix);
    }

    private static int partitionsOf(TopicDescription description) {
        return description.partitions().size();
    }
}
