package io.eventpipeline.processor;

import io.eventpipeline.testsupport.Await;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.streams.KafkaStreams;

/** The processor's consumer group as the broker sees it: members and whether it is stable. */
final class GroupView implements AutoCloseable {

    private final Admin admin;
    private final String groupId;

    GroupView(String bootstrap, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.groupId = groupId;
    }

    /** Members (one per stream thread) with an assignment; 0 when the group cannot be read. */
    int members() {
        return describe().map(g -> (int) g.members().stream()
                .filter(m -> !m.assignment().topicPartitions().isEmpty()).count()).orElse(0);
    }

    boolean stable() {
        return describe().map(g -> g.groupState() == GroupState.STABLE).orElse(false);
    }

    /** Waits until the broker's group has one member per instance, is stable, and every instance is RUNNING. */
    void awaitStable(Collection<ProcessorClient> instances) {
        Await.until(Duration.ofMinutes(3), instances.size() + " instances running in a stable group",
                () -> members() == instances.size() && stable()
                        && instances.stream().allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING));
    }

    private Optional<ConsumerGroupDescription> describe() {
        try {
            return Optional.ofNullable(admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(10, TimeUnit.SECONDS).get(groupId));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
