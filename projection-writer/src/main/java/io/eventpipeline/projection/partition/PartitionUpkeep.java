package io.eventpipeline.projection.partition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Period;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs partition upkeep at start and then every {@code interval}: premake the coming months, apply
 * retention when configured. A failed run (Postgres down) is logged and tried again next interval;
 * writes never depend on it because a missing month is also created on demand. Each failed run adds one to
 * {@code writer_partition_upkeep_failures_total} (alert PartitionPremakeFailing).
 */
public final class PartitionUpkeep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionUpkeep.class);

    private final PartitionManager partitions;
    private final int premakeMonths;
    private final Period retention;
    private final boolean drop;
    private final Duration interval;
    private final Counter failures;
    private volatile double defaultRows = Double.NaN;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "partition-upkeep");
        t.setDaemon(true);
        return t;
    });

    public PartitionUpkeep(PartitionManager partitions, int premakeMonths, Period retention, boolean drop, Duration interval,
            MeterRegistry registry) {
        this.partitions = partitions;
        this.premakeMonths = premakeMonths;
        this.retention = retention;
        this.drop = drop;
        this.interval = interval;
        this.failures = Counter.builder("writer.partition.upkeep.failures")
                .description("partition upkeep runs (premake, retention) that failed").register(registry);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One upkeep pass (the caller runs the first one at start; the schedule repeats it); public for tests and tooling. */
    public void runOnce() {
        try {
            partitions.premake(premakeMonths);
            if (retention != null) {
                partitions.applyRetention(retention, drop);
            }
            defaultRows = partitions.defaultPartitionRows().map(Long::doubleValue).orElse(Double.NaN);
            if (defaultRows > 0) {
                log.warn("{} row(s) sit in the default partition of events: a month was missing when they were written",
                        (long) defaultRows);
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("partition upkeep failed, next try in {}: {}", interval, e.getMessage());
        }
    }

    /**
     * Rows in the default partition at the last upkeep (NaN when there is none or upkeep has not run):
     * read by the metric, so a scrape never waits on the database.
     */
    public double defaultPartitionRows() {
        return defaultRows;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
