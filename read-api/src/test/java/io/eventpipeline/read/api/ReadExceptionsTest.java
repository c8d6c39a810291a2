package io.eventpipeline.read.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ReadExceptionsTest {

    private final ReadExceptions handler = new ReadExceptions();

    @Test
    void shouldAnswer503QueryTimeoutWhenPostgresCancelledTheStatement() {
        var cancelled = new DataAccessException("SQL [select ...]", new SQLException("canceling statement due to statement timeout", "57014"));

        ResponseEntity<ProblemDetail> response = handler.unavailable(cancelled);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody().getType().toString()).isEqualTo("https://eventpipeline.io/problems/query-timeout");
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    }

    @Test
    void shouldAnswer503DatabaseUnavailableWhenALoadFailedInsideTheCache() {
        var failedLoad = new CompletionException(new DataAccessException("connection refused", new SQLException("refused", "08001")));

        ResponseEntity<ProblemDetail> response = handler.unavailable(failedLoad);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody().getType().toString()).isEqualTo("https://eventpipeline.io/problems/database-unavailable");
    }

    @Test
    void shouldAnswer404WhenTheCauseOfAFailedFutureIsNotFound() {
        ResponseEntity<ProblemDetail> response = handler.unavailable(new CompletionException(new NotFoundException("no aggregate a/b")));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().getDetail()).isEqualTo("no aggregate a/b");
    }
}
