package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.EventEnvelope;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3 for the writer: 1 -> 2 -> 1 instances while events keep arriving (~200/s over 60
 * aggregates). Nothing lost, nothing written twice, versions gapless, projections equal to the events; the
 * pause of each step is measured three ways and printed (not asserted: it depends on the machine's load):
 * the longest gap between two writes of one partition around the step, the worst end-to-end delay
 * (created_at to recorded_at) of events sent in the step, and each writer's own {@code writer.rebalance.pause}.
 */
class ScaleUnderLoadIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int AGGREGATES = 60;
    private static final int PER_TICK = 10;
    private static final long TICK_MS = 50;
    private static final int STEADY_EVENTS = 1_500;

    private final Map<String, Long> versions = new HashMap<>();
    private final AtomicLong sent = new AtomicLong();

    @Test
    void shouldLoseAndDuplicateNothingWhenASecondWriterJoinsAndLeavesUnderLoad() throws Exception {
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (WriterFixture fx = new WriterFixture("scale_load_it")) {
            SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
            SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
            WriterRuntime first = start(fx, firstMeters);
            load.scheduleAtFixedRate(() -> fx.sendAll(tick()), 0, TICK_MS, TimeUnit.MILLISECONDS);
            awaitStoredGrowth(fx, STEADY_EVENTS);

            Instant scaleOut = Instant.now();
            WriterRuntime second = start(fx, secondMeters);
            WriterFixture.await("both writers own partitions", WAIT, () -> owned(first) > 0 && owned(second) > 0
                    && owned(first) + owned(second) == 3);
            String joinPauses = ownPauses(firstMeters, secondMeters);
            awaitStoredGrowth(fx, STEADY_EVENTS);
            Instant scaleIn = Instant.now();
            first.close();
            WriterFixture.await("the second writer owns every partition", WAIT, () -> owned(second) == 3);
            String leavePauses = ownPauses(firstMeters, secondMeters);
            awaitStoredGrowth(fx, STEADY_EVENTS);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            long total = sent.get();
            WriterFixture.await("every sent event stored", WAIT, () -> fx.count("SELECT count(*) FROM events") >= total);
            second.close();

            report(fx, "1->2 (second writer joins)", scaleOut, joinPauses);
            report(fx, "2->1 (first writer leaves)", scaleIn, leavePauses);
            assertThat(fx.count("SELECT count(*) FROM events")).as("rows = events sent").isEqualTo(total);
            assertThat(fx.count("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(total);
            assertThat(fx.count("SELECT count(*) FROM (SELECT aggregate_id FROM events GROUP BY 1"
                    + " HAVING max(event_version) <> count(*) OR count(DISTINCT event_version) <> count(*)) g"))
                    .as("aggregates whose versions have a gap or a repeat").isZero();
            assertThat(fx.count("SELECT count(*) FROM aggregates WHERE version <> event_count")).isZero();
            assertThat(fx.count("SELECT sum(event_count) FROM aggregates")).isEqualTo(total);
            assertThat(fx.count("SELECT count(*) FROM aggregates")).isEqualTo(AGGREGATES);
            assertThat(fx.count("SELECT sum(next_offset) FROM projection_offsets")).isEqualTo(total);
        } finally {
            load.shutdownNow();
        }
    }

    private static WriterRuntime start(WriterFixture fx, SimpleMeterRegistry meters) {
        return WriterRuntime.start(fx.settings(200), fx.dsl, meters, Clock.systemUTC(), AfterCommitHook.NONE);
    }

    private static int owned(WriterRuntime writer) {
        return writer.consumer().status().positionedPartitions();
    }

    private static void awaitStoredGrowth(WriterFixture fx, long events) {
        long target = fx.count("SELECT count(*) FROM events") + events;
        WriterFixture.await(events + " more events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") >= target);
    }

    private List<EventEnvelope> tick() {
        List<EventEnvelope> events = new ArrayList<>(PER_TICK);
        for (int i = 0; i < PER_TICK; i++) {
            String id = "s-" + sent.get() % AGGREGATES;
            long version = versions.merge(id, 1L, Long::sum);
            events.add(event("order", id, "order.updated", version, Instant.now(), "{\"n\":" + sent.get() + "}"));
            sent.incrementAndGet();
        }
        return events;
    }

    /** Each writer's {@code writer.rebalance.pause} so far (revocation to next assignment). */
    private static String ownPauses(SimpleMeterRegistry... meters) {
        List<String> own = new ArrayList<>();
        for (SimpleMeterRegistry m : meters) {
            Timer pauses = m.find("writer.rebalance.pause").timer();
            own.add(pauses == null || pauses.count() == 0 ? "none"
                    : pauses.count() + " pause(s) totalling " + (long) pauses.totalTime(TimeUnit.MILLISECONDS) + " ms");
        }
        return String.join(" / ", own);
    }

    private static void report(WriterFixture fx, String step, Instant at, String ownPauses) {
        String window = "created_at BETWEEN '" + at.minusSeconds(1) + "'::timestamptz AND '" + at.plusSeconds(15) + "'::timestamptz";
        long gapMs = fx.count("SELECT coalesce(max(gap), 0) FROM (SELECT (extract(epoch FROM recorded_at - lag(recorded_at)"
                + " OVER (PARTITION BY kafka_partition ORDER BY kafka_offset)) * 1000)::bigint AS gap FROM events WHERE "
                + window + ") g");
        long delayMs = fx.count("SELECT (extract(epoch FROM max(recorded_at - created_at)) * 1000)::bigint FROM events WHERE "
                + window);
        long steadyMs = fx.count("SELECT (extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY recorded_at - created_at))"
                + " * 1000)::bigint FROM events");
        System.out.printf("ScaleUnderLoadIT %s: longest write gap of a partition %d ms, worst end-to-end delay %d ms"
                + " (median over the run %d ms); rebalance pauses so far, first / second writer: %s%n", step, gapMs,
                delayMs, steadyMs, ownPauses);
    }
}
