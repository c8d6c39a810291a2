package io.eventpipeline.read.stats;

import static io.eventpipeline.sql.jooq.Tables.EVENTS;

import io.eventpipeline.read.db.Transactions;
import io.eventpipeline.read.query.Digest;
import io.eventpipeline.read.query.Revisioned;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One producer's events per type over {@code [since, until)}, on the analytics pool (its {@code statement_timeout} bounds a
 * range too wide to answer). {@code idx_events_created_at} covers the range and includes {@code event_type},
 * and the range prunes the monthly partitions; {@code producer_id} leads that index (docs/decisions.md D1).
 */
public final class EventTypeStats {

    /** One line of the report. */
    public record Count(String eventType, long events) {
    }

    /**
     * The report for one range, most frequent type first. Not cached and without a version: its revision is a
     * digest of everything it says, so it moves exactly when a count (or the range) does.
     */
    public record Report(Instant since, Instant until, long total, List<Count> eventTypes) implements Revisioned {

        public Report {
            eventTypes = List.copyOf(eventTypes);
        }

        @Override
        public String revision() {
            Digest digest = Digest.start().add(since).add(until).add(total);
            eventTypes.forEach(c -> digest.add(c.eventType()).add(c.events()));
            return digest.finish();
        }
    }

    private final DSLContext analytics;
    private final Duration statementTimeout;

    /** @param statementTimeout {@code ANALYTICS_STATEMENT_TIMEOUT}, set for each report's transaction */
    public EventTypeStats(DSLContext analytics, Duration statementTimeout) {
        this.analytics = analytics;
        this.statementTimeout = statementTimeout;
    }

    public Report count(String producerId, Instant since, Instant until) {
        return Transactions.withStatementTimeout(analytics, statementTimeout, tx -> count(tx, producerId, since, until));
    }

    private static Report count(DSLContext tx, String producerId, Instant since, Instant until) {
        var events = DSL.count().as("events");
        List<Count> counts = tx.select(EVENTS.EVENT_TYPE, events)
                .from(EVENTS)
                .where(EVENTS.PRODUCER_ID.eq(producerId), EVENTS.CREATED_AT.ge(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)),
                        EVENTS.CREATED_AT.lt(OffsetDateTime.ofInstant(until, ZoneOffset.UTC)))
                .groupBy(EVENTS.EVENT_TYPE)
                .orderBy(events.desc(), EVENTS.EVENT_TYPE)
                .fetch(r -> new Count(r.value1(), r.value2()));
        long total = counts.stream().mapToLong(Count::events).sum();
        return new Report(since, until, total, counts);
    }
}
