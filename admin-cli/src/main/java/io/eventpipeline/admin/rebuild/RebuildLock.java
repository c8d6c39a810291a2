package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.config.Refusal;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One rebuild at a time per database: a transaction-scoped advisory lock (never a session lock, which
 * PgBouncer's transaction mode would hand to other clients, docs/decisions.md D7) in a transaction held
 * open on its own connection for the whole rebuild. It ends with the rebuild, or with its process: a
 * dead rebuild's connection closes and the lock is gone.
 */
final class RebuildLock implements AutoCloseable {

    /** The lock's key: "rebuild" in ASCII, shared by every {@code ./admin} against this database. */
    static final long KEY = 0x7265_6275_696C_64L;

    private final Connection connection;

    private RebuildLock(Connection connection) {
        this.connection = connection;
    }

    /** @throws Refusal when another rebuild holds the lock */
    static RebuildLock acquire(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        Boolean got = dsl.select(DSL.function(DSL.name("pg_try_advisory_xact_lock"), SQLDataType.BOOLEAN, DSL.val(KEY)))
                .fetchOne(0, Boolean.class);
        if (!Boolean.TRUE.equals(got)) {
            connection.rollback();
            connection.close();
            throw new Refusal("another rebuild is running against this database (it holds advisory lock " + KEY
                    + ", see pg_locks where locktype = 'advisory'); wait for it to finish");
        }
        return new RebuildLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
