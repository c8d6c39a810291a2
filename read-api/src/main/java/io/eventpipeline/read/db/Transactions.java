package io.eventpipeline.read.db;

import java.time.Duration;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Work in one transaction whose {@code statement_timeout} is set with {@code SET LOCAL}: it ends with the
 * transaction, so nothing stays in the session. Behind PgBouncer in transaction mode a session setting (or a
 * startup {@code options=-c ...}, which PgBouncer refuses) would follow the server connection to whichever
 * client's transaction runs on it next.
 */
public final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in a transaction of {@code dsl} with {@code statementTimeout} (none when null). */
    public static <T> T withStatementTimeout(DSLContext dsl, Duration statementTimeout, Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            if (statementTimeout != null) {
                tx.execute(DSL.setLocal(DSL.name("statement_timeout"), DSL.inline(statementTimeout.toMillis())));
            }
            return work.apply(tx);
        });
    }
}
