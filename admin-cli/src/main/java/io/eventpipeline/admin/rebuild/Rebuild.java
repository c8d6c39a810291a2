package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.config.Units;
import io.eventpipeline.schemas.CacheInvalidation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * One rebuild, after the checks: fill the shadow tables from {@code events.log} up to where the writer
 * stands, follow the writer while it keeps running until little is left, then in ONE transaction lock
 * the live projections against writes, apply the events the writer committed meanwhile (its positions
 * read under the lock), and swap the tables (all) or replace the selection's rows (some aggregates).
 * The writer goes on from its own positions, which are exactly where the shadow tables stop: nothing it
 * wrote is lost and nothing is applied twice. Then caches are told what changed.
 */
final class Rebuild {

    /** Catch-up passes end when fewer events than this are left for the swap transaction. */
    static final long SMALL_GAP = 500;
    private static final int MAX_CATCH_UPS = 20;
    /** Events per shadow-table transaction at most (one poll), as the writer's default batch. */
    private static final int POLL_RECORDS = 2_000;

    private final AdminContext context;
    private final DSLContext dsl;
    private final WriterPositions writer;
    private final RebuildScope scope;
    private final Duration lockTimeout;
    private final ShadowTables shadow = new ShadowTables();

    Rebuild(AdminContext context, DSLContext dsl, WriterPositions writer, RebuildScope scope, Duration lockTimeout) {
        this.context = context;
        this.dsl = dsl;
        this.writer = writer;
        this.scope = scope;
        this.lockTimeout = lockTimeout;
    }

    /** The outcome of the swap transaction. */
    private record Swap(JSONB changes, long underLock, Duration locked, Instant committedAt) {
    }

    int run(LogPlan plan) throws Exception {
        Console console = context.console();
        long started = System.nanoTime();
        ShadowTables.prepare(dsl);
        try (LogReader reader = new LogReader(context.clients().reader(POLL_RECORDS), plan.topic(),
                List.copyOf(plan.targets().keySet()), scope, context.settings().timeout())) {
            long copied = pass(reader, "copy", plan.targets());
            long followed = catchUp(reader);
            ShadowTables.analyze(dsl);
            Swap swap = swap(reader);
            List<CacheInvalidation> messages = Invalidations.of(swap.changes(), swap.committedAt());
            try (KafkaProducer<String, byte[]> producer = context.clients().producer()) {
                Invalidations.publish(producer, context.settings().topicPrefix(), messages, context.settings().timeout());
            }
            long events = copied + followed + swap.underLock();
            double seconds = (System.nanoTime() - started) / 1e9;
            console.line(String.format(Locale.ROOT, "rebuilt %s from %s events of %s in %.1f s (%s events/s); %s records"
                    + " skipped as the writer skips them", scope.describe(), Units.count(events), plan.topic(), seconds,
                    Units.count(Math.round(events / Math.max(seconds, 1e-3))), Units.count(reader.skipped() + shadow.skipped())));
            console.line("live tables locked against writes for " + swap.locked().toMillis() + " ms; " + swap.underLock()
                    + " events applied under the lock; " + (scope.all() ? "tables swapped" : "rows replaced"));
            console.line(messages.size() + " cache invalidations published for the rows that changed");
            return ExitCodes.OK;
        } finally {
            ShadowTables.drop(dsl);
        }
    }

    /** Follows the writer (its positions in Postgres) until the swap has little left to apply. */
    private long catchUp(LogReader reader) {
        long read = 0;
        for (int i = 0; i < MAX_CATCH_UPS; i++) {
            Map<Integer, Long> targets = targets(writer.load(dsl), reader.positions());
            if (gap(targets, reader.positions()) <= SMALL_GAP) {
                break;
            }
            read += pass(reader, "catch-up " + (i + 1), targets);
        }
        return read;
    }

    private long pass(LogReader reader, String phase, Map<Integer, Long> targets) {
        Progress progress = new Progress(context.console(), phase, topicOf(), totals(targets, reader.positions()));
        reader.readTo(targets, chunk -> {
            dsl.transaction(c -> shadow.apply(c.dsl(), chunk.events()));
            chunk.records().forEach(progress::advance);
        });
        progress.finish();
        return progress.done();
    }

    private Swap swap(LogReader reader) {
        long[] underLock = new long[1];
        long[] lockedAt = new long[1];
        JSONB changes = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            ShadowTables.lockLive(tx, (int) lockTimeout.toMillis());
            lockedAt[0] = System.nanoTime();
            Map<Integer, Long> targets = targets(writer.load(tx), reader.positions());
            Progress progress = new Progress(context.console(), "swap (live tables locked)", topicOf(),
                    totals(targets, reader.positions()));
            reader.readTo(targets, chunk -> {
                shadow.apply(tx, chunk.events());
                chunk.records().forEach(progress::advance);
            });
            progress.finish();
            underLock[0] = progress.done();
            JSONB changed = ShadowTables.changes(tx, scope);
            if (scope.all()) {
                ShadowTables.swap(tx);
            } else {
                ShadowTables.replace(tx, scope);
            }
            return changed;
        });
        return new Swap(changes, underLock[0], Duration.ofNanos(System.nanoTime() - lockedAt[0]), Instant.now());
    }

    private String topicOf() {
        return context.settings().logTopic();
    }

    /** The writer's positions, never behind what was read already (an operator may have moved them back). */
    private static Map<Integer, Long> targets(Map<Integer, Long> writerAt, Map<Integer, Long> read) {
        Map<Integer, Long> targets = new TreeMap<>();
        read.forEach((p, at) -> targets.put(p, Math.max(at, writerAt.getOrDefault(p, 0L))));
        return targets;
    }

    private static Map<Integer, Long> totals(Map<Integer, Long> targets, Map<Integer, Long> read) {
        Map<Integer, Long> totals = new TreeMap<>();
        targets.forEach((p, target) -> totals.put(p, Math.max(0, target - read.getOrDefault(p, 0L))));
        return totals;
    }

    private static long gap(Map<Integer, Long> targets, Map<Integer, Long> read) {
        return totals(targets, read).values().stream().mapToLong(Long::longValue).sum();
    }
}
