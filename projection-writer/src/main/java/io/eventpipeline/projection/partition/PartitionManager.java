package io.eventpipeline.projection.partition;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import io.eventpipeline.projection.batch.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monthly partitions of {@code events} (named {@code events_YYYY_MM}, months in UTC) ahead of
 * the writes, in Java rather than pg_cron. Learnt from pg_partman's issues: every DDL runs in its own
 * short transaction with a {@code lock_timeout}, so a busy parent table never queues readers behind a
 * waiting {@code ACCESS EXCLUSIVE} lock, and a timed-out attempt is retried a bounded number of times.
 * DDL never runs inside a batch transaction (which would hold that lock until the batch commits).
 * The DDL itself lives in sql/'s migrations as functions; they are called here by name through jOOQ.
 */
public final class PartitionManager {

    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);
    private static final Pattern MONTHLY = Pattern.compile("events_(\\d{4})_(\\d{2})");
    private static final int ATTEMPTS = 5;
    private static final Table<?> PARTITION_LIST = table(name("events_partition_list"));
    private static final Field<String> PARTITION_NAME = field(name("partition_name"), String.class);
    private static final Field<Boolean> IS_DEFAULT = field(name("is_default"), Boolean.class);

    /** One partition attached to {@code events}; {@code month} is empty for a default or foreign-named one. */
    public record AttachedPartition(String name, boolean isDefault, Optional<YearMonth> month) {
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final Duration lockTimeout;
    private final Period retention;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public PartitionManager(DSLContext dsl, Clock clock, Duration lockTimeout) {
        this(dsl, clock, lockTimeout, null);
    }

    /** @param retention {@code PARTITION_RETENTION}, or {@code null} to keep every month */
    public PartitionManager(DSLContext dsl, Clock clock, Duration lockTimeout, Period retention) {
        this.dsl = dsl;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.retention = retention;
    }

    /**
     * True when events of {@code month} must not be written: the month is past the retention (upkeep
     * would detach it again), or its partition exists but was detached. Writing such an event would
     * re-create a retired month or fail forever; it goes to {@code events.rejected} instead.
     */
    public boolean isRetired(YearMonth month) {
        if (retention != null && endedBefore(month, retentionCutoff(retention))) {
            return true;
        }
        return !known.contains(month) && "detached".equals(dsl.select(
                function(name("events_month_state"), String.class, val(month.atDay(1)))).fetchOne().value1());
    }

    public static String partitionName(YearMonth month) {
        return String.format(Locale.ROOT, "events_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    public List<AttachedPartition> attached() {
        return dsl.select(PARTITION_NAME, IS_DEFAULT)
                .from(PARTITION_LIST)
                .fetch(r -> new AttachedPartition(r.value1(), r.value2(), monthOf(r.value1())));
    }

    /** Creates every month of {@code months} not known to exist; a month is checked in Postgres once per process. */
    public void ensureMonths(Collection<YearMonth> months) {
        for (YearMonth month : months) {
            if (!known.contains(month)) {
                create(month);
            }
        }
    }

    /** Forgets cached months, e.g. after an insert found no partition (someone detached it). */
    public void forget(Collection<YearMonth> months) {
        known.removeAll(months);
    }

    /** The current month and the next {@code aheadMonths}; returns the months ensured. */
    public List<YearMonth> premake(int aheadMonths) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i <= aheadMonths; i++) {
            months.add(now.plusMonths(i));
        }
        ensureMonths(months);
        return months;
    }

    /**
     * Detaches (and with {@code drop}, drops) every monthly partition whose whole month ended more than
     * {@code retention} ago. Returns the names handled.
     */
    public List<String> applyRetention(Period retention, boolean drop) {
        LocalDate cutoff = retentionCutoff(retention);
        List<String> handled = new ArrayList<>();
        for (AttachedPartition p : attached()) {
            if (p.month().isPresent() && endedBefore(p.month().get(), cutoff)) {
                withLockTimeout("detach " + p.name(), tx -> tx.select(
                        function(name("detach_events_partition"), Object.class, val(p.name()), val(drop))).fetch());
                known.remove(p.month().get());
                handled.add(p.name());
                log.info("retention: {} partition {} (month ended before {})", drop ? "dropped" : "detached", p.name(),
                        cutoff);
            }
        }
        return handled;
    }

    private LocalDate retentionCutoff(Period period) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minus(period);
    }

    private static boolean endedBefore(YearMonth month, LocalDate cutoff) {
        return !month.plusMonths(1).atDay(1).isAfter(cutoff);
    }

    /** Rows in the default partition of {@code events}, or empty when there is none. */
    public Optional<Long> defaultPartitionRows() {
        return Optional.ofNullable(dsl.select(function(name("events_default_partition_rows"), Long.class)).fetchOne().value1());
    }

    private void create(YearMonth month) {
        String created = withLockTimeout("create " + partitionName(month), tx -> tx.select(
                function(name("ensure_events_partition"), String.class, val(month.atDay(1)))).fetchOne().value1());
        known.add(month);
        log.debug("partition {} present", created);
    }

    private <T> T withLockTimeout(String what, Function<DSLContext, T> ddl) {
        Duration pause = Duration.ofMillis(50);
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(c -> {
                    c.dsl().select(function(name("set_config"), String.class, val("lock_timeout"),
                            val(lockTimeout.toMillis() + "ms"), val(true))).fetch();
                    return ddl.apply(c.dsl());
                });
            } catch (RuntimeException e) {
                if (!isLockContention(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
                log.warn("{}: lock not granted within {} (attempt {}/{}), retrying", what, lockTimeout, attempt, ATTEMPTS);
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static boolean isLockContention(Throwable e) {
        String state = Failures.sqlState(e);
        return "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state);
    }

    private static Optional<YearMonth> monthOf(String name) {
        Matcher m = MONTHLY.matcher(name);
        return m.matches() ? Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
