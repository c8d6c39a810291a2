package io.eventpipeline.admin.topics;

import io.eventpipeline.admin.config.Offsets;
import io.eventpipeline.admin.config.Units;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Describes topics: partitions, replication, retention and cleanup, size on disk and offsets held. */
final class TopicInventory {

    private final Admin admin;

    TopicInventory(Admin admin) {
        this.admin = admin;
    }

    List<TopicInfo> describe(List<String> names) throws ExecutionException, InterruptedException {
        var existing = admin.listTopics().names().get();
        List<String> present = names.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
        Map<String, Config> configs = configs(present);
        Map<String, Long> sizes = sizesOnDisk(present);
        Map<String, Long> messages = messages(descriptions.values());
        List<TopicInfo> result = new ArrayList<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            if (d == null) {
                result.add(TopicInfo.missing(name));
                continue;
            }
            Config c = configs.get(name);
            result.add(new TopicInfo(name, true, d.partitions().size(), d.partitions().getFirst().replicas().size(),
                    Units.retention(value(c, TopicConfig.RETENTION_MS_CONFIG)),
                    Units.retentionBytes(value(c, TopicConfig.RETENTION_BYTES_CONFIG)),
                    value(c, TopicConfig.CLEANUP_POLICY_CONFIG), sizes.getOrDefault(name, 0L),
                    messages.getOrDefault(name, 0L)));
        }
        return result;
    }

    private Map<String, Config> configs(List<String> topics) throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Config> result = new HashMap<>();
        admin.describeConfigs(resources).all().get().forEach((resource, config) -> result.put(resource.name(), config));
        return result;
    }

    /** Every replica's size on every broker: what the topic costs in disk. */
    private Map<String, Long> sizesOnDisk(Collection<String> topics) throws ExecutionException, InterruptedException {
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<String, Long> sizes = new HashMap<>();
        admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
                dir.replicaInfos().forEach((partition, replica) -> {
                    if (topics.contains(partition.topic())) {
                        sizes.merge(partition.topic(), replica.size(), Long::sum);
                    }
                })));
        return sizes;
    }

    private Map<String, Long> messages(Collection<TopicDescription> topics) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = topics.stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .toList();
        Map<TopicPartition, Long> start = Offsets.start(admin, partitions);
        Map<TopicPartition, Long> end = Offsets.end(admin, partitions);
        Map<String, Long> result = new HashMap<>();
        for (TopicPartition p : partitions) {
            result.merge(p.topic(), end.get(p) - start.get(p), Long::sum);
        }
        return result;
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }
}
