package io.eventpipeline.projection.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.sql.projection.ProjectionDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void shouldTreatDataAndConstraintErrorsAsRecordFaults() {
        assertThat(Failures.isRecordFault(wrapped("23505", "duplicate key"))).isTrue();
        assertThat(Failures.isRecordFault(wrapped("22P02", "invalid input syntax for type json"))).isTrue();
        assertThat(Failures.isRecordFault(new ProjectionDataException("no userId"))).isTrue();
    }

    @Test
    void shouldRetryOutagesLocksAndMissingPartitionsInsteadOfRejecting() {
        assertThat(Failures.isRecordFault(wrapped("08006", "I/O error"))).isFalse();
        assertThat(Failures.isRecordFault(wrapped("55P03", "lock timeout"))).isFalse();
        assertThat(Failures.isRecordFault(new DataAccessException("pool", new SQLTransientConnectionException("timeout"))))
                .isFalse();
        DataAccessException missing = wrapped("23514", "no partition of relation \"events\" found for row");
        assertThat(Failures.isMissingPartition(missing)).isTrue();
        assertThat(Failures.isRecordFault(missing)).isFalse();
        assertThat(Failures.isRecordFault(new IllegalStateException("unknown"))).isFalse();
    }

    private static DataAccessException wrapped(String state, String message) {
        return new DataAccessException(message, new SQLException(message, state));
    }
}
