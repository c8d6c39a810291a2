package io.eventpipeline.admin.topics;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.config.Table;
import io.eventpipeline.admin.config.Units;
import io.eventpipeline.schemas.Topics;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./admin topics}: the pipeline's topics and how far each consumer group is behind. */
@Command(name = "topics", description = {"Topics (partitions, retention, size, records) and lag per consumer group.",
    "Covers every pipeline topic and the processor's internal topics; lag of the processor's group, of",
    "the writer (its positions in Postgres' projection_offsets) and of any other group reading them."})
public final class TopicsCommand implements Callable<Integer> {

    private final AdminContext context;

    @Option(names = "--partitions", description = "Also show the lag of every partition.")
    boolean perPartition;

    public TopicsCommand(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        AdminSettings settings = context.settings();
        Console console = context.console();
        try (Admin admin = context.clients().admin()) {
            List<String> internal = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(settings.processorGroup() + "-")).sorted().toList();
            List<String> names = new ArrayList<>(pipelineTopics(settings));
            names.addAll(internal);
            printTopics(new TopicInventory(admin).describe(names), console);
            console.line("");
            return printLag(new LagReader(admin, context.clients()), settings, internal, console);
        }
    }

    private int printLag(LagReader reader, AdminSettings settings, List<String> internal, Console console)
            throws Exception {
        Predicate<String> relevant = t -> pipelineTopics(settings).contains(t) || internal.contains(t);
        List<String> repartition = internal.stream().filter(t -> t.endsWith("-repartition")).toList();
        Set<String> processorTopics = new LinkedHashSet<>(List.of(settings.rawTopic()));
        processorTopics.addAll(repartition);
        List<GroupLag> lags = new ArrayList<>(reader.kafkaGroup(settings.processorGroup(), processorTopics, relevant));
        int code = ExitCodes.OK;
        try {
            lags.addAll(reader.writer(settings.writerGroupId(), settings.logTopic()));
        } catch (SQLException e) {
            console.progress("writer lag unavailable: Postgres at " + settings.databaseUrl() + " answered: " + e.getMessage());
            code = ExitCodes.FAILED;
        }
        for (String group : reader.otherGroups(Set.of(settings.processorGroup(), settings.writerGroupId()))) {
            lags.addAll(reader.kafkaGroup(group, Set.of(), relevant));
        }
        printLagTable(lags, console);
        return code;
    }

    private void printLagTable(List<GroupLag> lags, Console console) {
        Table table = perPartition ? new Table("GROUP", "POSITIONS", "TOPIC", "PARTITION", "LAG")
                : new Table("GROUP", "POSITIONS", "TOPIC", "LAG", "PARTITIONS-WITHOUT-POSITION");
        for (GroupLag lag : lags) {
            if (perPartition) {
                lag.byPartition().forEach((p, l) -> table.row(lag.group(), lag.source(), lag.topic(), p, l));
            } else {
                table.row(lag.group(), lag.source(), lag.topic(), lag.lag(), lag.withoutPosition());
            }
        }
        table.print(console);
    }

    private static void printTopics(List<TopicInfo> topics, Console console) {
        Table table = new Table("TOPIC", "PARTITIONS", "RF", "RETENTION", "RETENTION-BYTES", "CLEANUP", "SIZE", "RECORDS");
        for (TopicInfo t : topics) {
            if (!t.exists()) {
                table.row(t.name(), "missing", null, null, null, null, null, null);
            } else {
                table.row(t.name(), t.partitions(), t.replicationFactor(), t.retention(), t.retentionBytes(),
                        t.cleanupPolicy(), Units.bytes(t.sizeBytes()), t.messages());
            }
        }
        table.print(console);
    }

    private static List<String> pipelineTopics(AdminSettings settings) {
        return Topics.ALL.stream().map(t -> t.prefixed(settings.topicPrefix()).name()).toList();
    }
}
