package io.eventpipeline.ingest.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's span into the response as {@code traceparent}, so a caller without a trace of its own
 * learns the trace id it can search for. Runs inside the HTTP observation (which continues the caller's
 * {@code traceparent} or starts a trace) and sets the header before anything else can commit the response:
 * every answer carries it, 202 as well as every problem+json.
 */
final class TraceparentResponseFilter extends OncePerRequestFilter {

    private final Tracer tracer;

    TraceparentResponseFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        String traceparent = span == null ? null : Traceparent.of(span.context());
        if (traceparent != null) {
            response.setHeader(Traceparent.HEADER, traceparent);
        }
        chain.doFilter(request, response);
    }
}
