package io.eventpipeline.admin.rebuild;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.sql.projection.ProjectionDataException;
import io.eventpipeline.sql.projection.ProjectionTables;
import io.eventpipeline.sql.projection.Projections;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import tools.jackson.core.JacksonException;

/**
 * The rebuild's shadow tables ({@code aggregates_rebuild}, ...: same columns, keys and indexes as the
 * live projections) and what is done with them, through the functions of migration V8 and the writer's
 * own projection code ({@link Projections}). An event the writer would set aside (a payload its
 * projection cannot use, a month whose partition is detached) is skipped and counted, as the writer does.
 */
final class ShadowTables {

    static final String SUFFIX = "_rebuild";

    private final Projections projections = new Projections(ProjectionTables.withSuffix(SUFFIX));
    private final Map<YearMonth, Boolean> detached = new HashMap<>();
    private long skipped;

    static void prepare(DSLContext dsl) {
        call(dsl, "projection_rebuild_prepare", SQLDataType.OTHER, DSL.val(SUFFIX));
    }

    static void drop(DSLContext dsl) {
        call(dsl, "projection_rebuild_drop", SQLDataType.OTHER, DSL.val(SUFFIX));
    }

    static void analyze(DSLContext dsl) {
        call(dsl, "projection_rebuild_analyze", SQLDataType.OTHER, DSL.val(SUFFIX));
    }

    /** Blocks the writer's writes to the live projections until {@code tx} ends. */
    static void lockLive(DSLContext tx, int timeoutMillis) {
        call(tx, "projection_rebuild_lock", SQLDataType.OTHER, DSL.val(timeoutMillis));
    }

    /** The selection's rows that differ between live and shadow tables (see V8's projection_rebuild_changes). */
    static JSONB changes(DSLContext tx, RebuildScope scope) {
        return call(tx, "projection_rebuild_changes", SQLDataType.JSONB, DSL.val(SUFFIX), text(scope.producer()),
                texts(scope.keysArgument()), texts(scope.idsArgument()));
    }

    static void swap(DSLContext tx) {
        call(tx, "projection_rebuild_swap", SQLDataType.OTHER, DSL.val(SUFFIX));
    }

    static long replace(DSLContext tx, RebuildScope scope) {
        return call(tx, "projection_rebuild_replace", SQLDataType.BIGINT, DSL.val(SUFFIX), text(scope.producer()),
                texts(scope.keysArgument()), texts(scope.idsArgument()));
    }

    long skipped() {
        return skipped;
    }

    /**
     * Applies events to the shadow tables on {@code tx}: all at once under a savepoint, or, when one of them
     * is a record fault, one by one so only the bad ones are left out.
     */
    void apply(DSLContext tx, List<EventEnvelope> events) {
        List<EventEnvelope> live = events.stream().filter(e -> !isDetachedMonth(tx, e)).toList();
        skipped += events.size() - live.size();
        try {
            tx.transaction(savepoint -> projections.apply(savepoint.dsl(), live));
        } catch (RuntimeException e) {
            if (!isRecordFault(e)) {
                throw e;
            }
            live.forEach(event -> applyOne(tx, event));
        }
    }

    private void applyOne(DSLContext tx, EventEnvelope event) {
        try {
            tx.transaction(savepoint -> projections.apply(savepoint.dsl(), List.of(event)));
        } catch (RuntimeException e) {
            if (!isRecordFault(e)) {
                throw e;
            }
            skipped++;
        }
    }

    /** The writer sets aside an event of a month whose partition of events was detached (partition_retired). */
    private boolean isDetachedMonth(DSLContext tx, EventEnvelope event) {
        if (event.createdAt() == null) {
            return false;
        }
        YearMonth month = YearMonth.from(event.createdAt().atZone(ZoneOffset.UTC));
        return detached.computeIfAbsent(month, m -> "detached".equals(call(tx, "events_month_state", SQLDataType.VARCHAR,
                DSL.val(m.atDay(1), SQLDataType.LOCALDATE))));
    }

    /** What the writer rejects as not_writable instead of retrying: bad data, a broken constraint. */
    static boolean isRecordFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProjectionDataException || t instanceof JacksonException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                return List.of("21", "22", "23", "54").contains(sql.getSQLState().substring(0, 2));
            }
        }
        return false;
    }

    private static <T> T call(DSLContext dsl, String function, DataType<T> type, Field<?>... arguments) {
        return dsl.select(DSL.function(DSL.name(function), type, arguments)).fetchOne(0, type.getType());
    }

    private static Field<String> text(String value) {
        return DSL.val(value, SQLDataType.CLOB);
    }

    private static Field<String[]> texts(String[] values) {
        return DSL.val(values, SQLDataType.CLOB.array());
    }
}
