package io.eventpipeline.admin.partitions;

import io.eventpipeline.admin.config.Console;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Follows the processor's group until its members own every partition of a topic: Kafka clients see new
 * partitions only at their next metadata refresh ({@code metadata.max.age.ms}, 5 minutes by default).
 */
final class AssignmentWatch {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Admin admin;
    private final Console console;

    AssignmentWatch(Admin admin, Console console) {
        this.admin = admin;
        this.console = console;
    }

    /** @return how long it took, or null when {@code limit} passed first */
    Duration await(String group, String topic, int partitions, Duration limit)
            throws ExecutionException, InterruptedException {
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        while (System.nanoTime() - started < limit.toNanos()) {
            Set<Integer> owned = owned(group, topic);
            if (owned.size() == partitions) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() > nextProgress) {
                console.progress("waiting for " + group + " to take the new partitions: it owns " + owned.size() + " of "
                        + partitions + " after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return null;
    }

    private Set<Integer> owned(String group, String topic) throws ExecutionException, InterruptedException {
        List<MemberDescription> members;
        try {
            members = List.copyOf(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Set.of();
            }
            throw e;
        }
        return members.stream().flatMap(m -> m.assignment().topicPartitions().stream())
                .filter(p -> p.topic().equals(topic)).map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
