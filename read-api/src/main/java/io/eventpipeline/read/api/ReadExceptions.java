package io.eventpipeline.read.api;

import io.eventpipeline.access.AccessDenied;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refusal and failure of a read as {@code application/problem+json}, never stored by a cache. */
@RestControllerAdvice(basePackages = "io.eventpipeline.read")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadExceptions {

    private static final Logger log = LoggerFactory.getLogger(ReadExceptions.class);
    /** PostgreSQL's query_canceled: the analytics pool's statement_timeout fired. */
    private static final String QUERY_CANCELED = "57014";

    /** 401 / 403 / 429 from the access check, with its WWW-Authenticate or Retry-After header. */
    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<ProblemDetail> denied(AccessDenied e) {
        return Problems.denied(e);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.answer(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidParameterException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return Problems.answer(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongType(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                e.getName() + " must be " + (e.getRequiredType() == null ? "valid" : "a " + e.getRequiredType().getSimpleName()));
        problem.setProperty("parameter", e.getName());
        return Problems.answer(problem);
    }

    @ExceptionHandler({DataAccessException.class, CompletionException.class, ExecutionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        Throwable cause = e instanceof CompletionException || e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof NotFoundException notFound) {
            return notFound(notFound);
        }
        if (isQueryCanceled(cause)) {
            log.warn("analytics query cancelled by statement_timeout: {}", cause.getMessage());
            return Problems.retryAfter(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "query-timeout", "Query timed out",
                    "the query ran past the analytics statement timeout; narrow the time range"), 30);
        }
        log.error("read failed", cause);
        return Problems.retryAfter(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "the read could not be answered from the cache and the database failed; retry"), 1);
    }

    private static boolean isQueryCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
