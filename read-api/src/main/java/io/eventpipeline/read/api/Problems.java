package io.eventpipeline.read.api;

import io.eventpipeline.access.AccessDenied;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problems with stable {@code type}s, shared with the ingest-api's base URI; answered with
 * {@code Cache-Control: no-store} (a refusal is never worth caching) and {@code Vary: Authorization}.
 */
final class Problems {

    static final String BASE = "https://eventpipeline.io/problems/";

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return builder(problem).body(problem);
    }

    static ResponseEntity<ProblemDetail> denied(AccessDenied e) {
        AccessDenied.Reason reason = e.reason();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(reason.status()), e.getMessage());
        problem.setType(URI.create(AccessDenied.TYPE_BASE + reason.slug()));
        problem.setTitle(reason.title());
        ResponseEntity.BodyBuilder answer = builder(problem);
        e.headers().forEach(answer::header);
        return answer.body(problem);
    }

    static ResponseEntity<ProblemDetail> retryAfter(ProblemDetail problem, int seconds) {
        return builder(problem).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).body(problem);
    }

    private static ResponseEntity.BodyBuilder builder(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatusCode.valueOf(problem.getStatus()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .varyBy(HttpHeaders.AUTHORIZATION);
    }
}
