package io.eventpipeline.admin.topics;

import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;

import io.eventpipeline.admin.config.Clients;
import io.eventpipeline.admin.config.Offsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Lag per consumer group: Kafka's committed offsets for the processor and any other group reading the
 * pipeline's topics, Postgres' {@code projection_offsets} for the writer (its Kafka commits are only
 * informational), each against the read_committed end offsets.
 */
public final class LagReader {

    private final Admin admin;
    private final Clients clients;

    public LagReader(Admin admin, Clients clients) {
        this.admin = admin;
        this.clients = clients;
    }

    /** A group's lag on every topic it committed offsets for that {@code relevant} accepts, plus {@code always}. */
    List<GroupLag> kafkaGroup(String group, Set<String> always, Predicate<String> relevant)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> positions = new HashMap<>();
        committed.forEach((p, o) -> {
            if (o != null && relevant.test(p.topic())) {
                positions.put(p, o.offset());
            }
        });
        List<String> topics = new ArrayList<>(always);
        positions.keySet().stream().map(TopicPartition::topic).distinct().filter(t -> !always.contains(t)).forEach(topics::add);
        return lagOf(group, "kafka", topics, positions);
    }

    /** Every consumer group except the {@code known} ones. */
    List<String> otherGroups(Set<String> known) throws ExecutionException, InterruptedException {
        return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(g -> g.groupId()).filter(g -> !known.contains(g)).sorted().toList();
    }

    public List<GroupLag> writer(String group, String topic) throws SQLException, ExecutionException, InterruptedException {
        Map<TopicPartition, Long> positions = new HashMap<>();
        try (Connection connection = clients.database()) {
            DSL.using(connection, SQLDialect.POSTGRES)
                    .select(PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                    .from(PROJECTION_OFFSETS)
                    .where(PROJECTION_OFFSETS.CONSUMER_GROUP.eq(group).and(PROJECTION_OFFSETS.TOPIC.eq(topic)))
                    .fetch()
                    .forEach(r -> positions.put(new TopicPartition(topic, r.value1()), r.value2()));
        }
        return lagOf(group, "postgres", List.of(topic), positions);
    }

    private List<GroupLag> lagOf(String group, String source, Collection<String> topics,
            Map<TopicPartition, Long> positions) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = partitionsOf(topics);
        Map<TopicPartition, Long> end = Offsets.end(admin, partitions);
        Map<TopicPartition, Long> start = Offsets.start(admin, partitions);
        List<GroupLag> result = new ArrayList<>();
        for (String topic : topics) {
            Map<Integer, Long> lag = new HashMap<>();
            int withoutPosition = 0;
            for (TopicPartition p : partitions) {
                if (!p.topic().equals(topic)) {
                    continue;
                }
                Long position = positions.get(p);
                withoutPosition += position == null ? 1 : 0;
                long from = position == null ? start.get(p) : Math.max(position, start.get(p));
                lag.put(p.partition(), Math.max(0, end.get(p) - from));
            }
            result.add(GroupLag.of(group, source, topic, lag, withoutPosition));
        }
        return result;
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) throws ExecutionException, InterruptedException {
        var existing = admin.listTopics().names().get();
        List<String> present = topics.stream().filter(existing::contains).toList();
        return admin.describeTopics(present).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }
}
