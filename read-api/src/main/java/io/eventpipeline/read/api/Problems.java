package io.eventpipeline.read.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems with stable {@code type}s, shared with the ingest-api's base URI. */
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
}
