package io.eventpipeline.projection.batch;

import io.eventpipeline.sql.projection.ProjectionDataException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Tells a fault of the record (bad data, a broken constraint: retrying cannot help, the record must be
 * set aside) from a fault of the infrastructure (Postgres down, a lock timeout, a deadlock: retry the
 * same batch later). Anything not recognised as a record fault is treated as infrastructure, so an
 * unknown error pauses consumption instead of rejecting good events.
 */
public final class Failures {

    private Failures() {
    }

    /** SQLSTATE classes that depend on the row: 22 data exception, 23 integrity violation, 54 program limit (e.g. index row too large). */
    public static boolean isRecordFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProjectionDataException || t instanceof tools.jackson.core.JacksonException) {
                return true;
            }
        }
        String state = sqlState(failure);
        if (state == null || state.length() < 2) {
            return false;
        }
        if (isMissingPartition(failure)) {
            return false;
        }
        String cls = state.substring(0, 2);
        return cls.equals("22") || cls.equals("23") || cls.equals("54") || cls.equals("21");
    }

    /** 23514 "no partition of relation found for row": the partition must be (re)created, not the row rejected. */
    public static boolean isMissingPartition(Throwable failure) {
        String state = sqlState(failure);
        String message = messageOf(failure);
        return "23514".equals(state) && message != null
                && message.toLowerCase(Locale.ROOT).contains("no partition of relation");
    }

    public static boolean isTransient(Throwable failure) {
        return !isRecordFault(failure);
    }

    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t instanceof SQLTransientException) {
                return "08000";
            }
        }
        return null;
    }

    private static String messageOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** A one-line description for logs and the rejected topic, without stack noise. */
    public static String describe(Throwable failure) {
        String state = sqlState(failure);
        String message = messageOf(failure);
        return (state == null ? "" : "[" + state + "] ") + (message == null ? failure.getClass().getSimpleName() : message);
    }
}
