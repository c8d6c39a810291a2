package io.eventpipeline.admin.partitions;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.config.ServiceHealth;
import io.eventpipeline.admin.config.Units;
import io.eventpipeline.admin.topics.GroupLag;
import io.eventpipeline.admin.topics.LagReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./admin partitions events.raw --to N [--dry-run]}: Kafka's createPartitions, with the checks
 * that make it safe for this pipeline and a plan that says what will happen.
 */
@Command(name = "partitions", description = {"Grow a topic's partitions safely; --dry-run says what will happen.",
    "What kafka-topics --alter --partitions does, refusing what would break versions, dedup or order."})
public final class PartitionsCommand implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(paramLabel = "TOPIC", description = "events.raw (or events.log, events.rejected, cache.invalidations); the TOPIC_PREFIX is added when missing.")
    String topicName;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The new partition count.")
    int wanted;

    @Option(names = "--dry-run", description = "Check and print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--wait", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long to follow the processor taking the new events.raw partitions (default ${DEFAULT-VALUE}; PT0S: do not wait).")
    Duration wait;

    public PartitionsCommand(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (wanted < 1) {
            throw new IllegalArgumentException("--to must be at least 1");
        }
        AdminSettings settings = context.settings();
        try (Admin admin = context.clients().admin()) {
            var existing = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            String topic = existing.contains(settings.topicPrefix() + topicName) ? settings.topicPrefix() + topicName : topicName;
            if (!existing.contains(topic)) {
                throw new IllegalArgumentException("topic " + topicName + " does not exist on " + settings.kafkaBootstrapServers()
                        + " (TOPIC_PREFIX='" + settings.topicPrefix() + "')");
            }
            int current = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            ProcessorFootprint processor = ProcessorFootprint.read(admin, settings.processorGroup());
            PartitionPlan plan = check(admin, topic, current, processor);
            if (current == wanted) {
                context.console().line(topic + " already has " + current + " partitions: nothing to do");
                return ExitCodes.OK;
            }
            plan.print(context.console());
            if (dryRun) {
                return ExitCodes.OK;
            }
            return apply(admin, plan);
        }
    }

    private PartitionPlan check(Admin admin, String topic, int current, ProcessorFootprint processor) throws Exception {
        AdminSettings settings = context.settings();
        PartitionRules rules = new PartitionRules(settings);
        rules.refuseWrongTopic(topic, processor);
        PartitionRules.refuseShrinking(topic, current, wanted);
        if (topic.equals(settings.rawTopic()) && current != wanted) {
            rules.refuseUnreadyProcessor(ServiceHealth.readiness(context.clients().http(), settings.processorUrl(),
                    settings.timeout()));
            PartitionRules.refuseUnshardedProcessor(topic, processor);
        }
        if (topic.equals(settings.logTopic()) && current != wanted) {
            long lag = new LagReader(admin, context.clients()).writer(settings.writerGroupId(), topic).stream()
                    .mapToLong(GroupLag::lag).sum();
            PartitionRules.refuseLogWhileMoving(topic, processor, lag);
        }
        if (current == wanted) {
            return null;
        }
        try (Connection connection = context.clients().database()) {
            return new PartitionPlan(settings, topic, current, wanted, processor, dryRun,
                    KeyMoves.of(connection, current, wanted), null);
        } catch (SQLException e) {
            return new PartitionPlan(settings, topic, current, wanted, processor, dryRun, null,
                    "Postgres at " + settings.databaseUrl() + " answered: " + e.getMessage());
        }
    }

    private int apply(Admin admin, PartitionPlan plan) throws Exception {
        Console console = context.console();
        admin.createPartitions(Map.of(plan.topic(), NewPartitions.increaseTo(wanted))).all().get();
        console.line(plan.topic() + " now has " + wanted + " partitions");
        if (!plan.topic().equals(context.settings().rawTopic()) || wait.isZero()) {
            return ExitCodes.OK;
        }
        console.progress("following the processor's group (up to " + Units.duration(wait) + "; it sees new partitions at "
                + "its next metadata refresh, metadata.max.age.ms)");
        Duration took = new AssignmentWatch(admin, console).await(context.settings().processorGroup(), plan.topic(), wanted, wait);
        if (took == null) {
            console.progress("the processor did not take all " + wanted + " partitions within " + Units.duration(wait)
                    + ": check ./admin topics and the processor's health");
            return ExitCodes.FAILED;
        }
        ServiceHealth health = ServiceHealth.readiness(context.clients().http(), context.settings().processorUrl(),
                context.settings().timeout());
        console.line("the processor owns all " + wanted + " partitions of " + plan.topic() + " after " + took.toMillis()
                + " ms; readiness: " + health.status());
        return health.ready() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
