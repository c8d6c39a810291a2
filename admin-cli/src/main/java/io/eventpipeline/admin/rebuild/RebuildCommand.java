package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.config.Offsets;
import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.admin.config.Units;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./admin rebuild [--producer P [--aggregate type/id ...]] [--dry-run]}: re-runs the projections
 * from {@code events.log} into fresh tables and swaps them in (or replaces some aggregates' rows) while
 * the projection-writer keeps running; see {@link Rebuild} for how nothing is lost.
 */
@Command(name = "rebuild", description = {"Re-run the projections from events.log into fresh tables, then swap them in",
    "(all), or recompute some aggregates' rows; with progress. --dry-run says what will happen."})
public final class RebuildCommand implements Callable<Integer> {

    private final AdminContext context;

    @Option(names = "--producer", paramLabel = "P", description = "Rebuild only this producer's rows.")
    String producer;

    @Option(names = "--aggregate", paramLabel = "TYPE/ID", description = "Only these aggregates of --producer (repeatable).")
    List<String> aggregates;

    @Option(names = "--dry-run", description = "Check and print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--lock-timeout", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "How long the swap waits for the writer's open batch to release the live tables (default ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    public RebuildCommand(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RebuildScope scope = new RebuildScope(producer, aggregates == null ? List.of() : aggregates);
        AdminSettings settings = context.settings();
        try (Connection work = connect(); RebuildLock lock = RebuildLock.acquire(connect());
                Admin admin = context.clients().admin()) {
            DSLContext dsl = DSL.using(work, SQLDialect.POSTGRES);
            WriterPositions writer = new WriterPositions(settings.writerGroupId(), settings.logTopic());
            LogPlan plan = plan(admin, dsl, writer);
            Console console = context.console();
            console.line("rebuild of " + scope.describe() + (dryRun ? " (dry run: nothing is changed)" : ""));
            plan.print(console);
            plan.refuseUnsafe(writer.group());
            steps(scope).forEach(console::line);
            if (dryRun) {
                return ExitCodes.OK;
            }
            return new Rebuild(context, dsl, writer, scope, lockTimeout).run(plan);
        }
    }

    private LogPlan plan(Admin admin, DSLContext dsl, WriterPositions writer) throws Exception {
        String topic = context.settings().logTopic();
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return LogPlan.of(topic, byPartition(Offsets.start(admin, partitions)), byPartition(Offsets.end(admin, partitions)),
                writer.load(dsl));
    }

    private List<String> steps(RebuildScope scope) {
        String shadow = "aggregates" + ShadowTables.SUFFIX + ", memories" + ShadowTables.SUFFIX + ", mcp_contexts"
                + ShadowTables.SUFFIX;
        String finish = scope.all()
                ? "swaps them in for aggregates, memories, mcp_contexts (the old tables are dropped, index names kept)"
                : "replaces " + scope.describe() + " in aggregates, memories, mcp_contexts with their rows";
        return List.of("1. creates " + shadow + " (same columns, keys and indexes) and fills them from offset 0 up to where"
                        + " the writer stands, with the writer's projection code",
                "2. follows the writer while it keeps running, until fewer than " + Units.count(Rebuild.SMALL_GAP)
                        + " events are left",
                "3. in one transaction: locks the live tables against writes (waiting at most "
                        + Units.duration(lockTimeout) + "), applies the events the writer committed meanwhile, " + finish,
                "4. publishes cache invalidations for the rows that changed on " + context.settings().topicPrefix()
                        + "cache.invalidations");
    }

    /** A database that does not answer is refused before anything is read or changed. */
    private Connection connect() {
        try {
            return context.clients().database();
        } catch (SQLException e) {
            throw new Refusal("the database is not reachable at " + context.settings().databaseUrl() + " ("
                    + e.getMessage() + "): nothing was changed");
        }
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(),
                Map.Entry::getValue));
    }
}
