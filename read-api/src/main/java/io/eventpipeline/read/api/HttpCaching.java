package io.eventpipeline.read.api;

import io.eventpipeline.read.query.Digest;
import io.eventpipeline.read.query.Revisioned;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP cache tier of every read answer: a weak {@code ETag} derived from the producer, the resource (view and
 * parameters) and the revision of the data (so it changes exactly when the data does and never matches another producer's
 * answer), {@code Cache-Control: max-age=N, must-revalidate} ({@code must-revalidate} is what lets a shared
 * cache store an answer to an authorized request, RFC 9111 3.5; with N = 0 every use is revalidated) and
 * {@code Vary: Authorization}. A GET whose {@code If-None-Match} matches is answered 304 by Spring's
 * {@code HttpEntityMethodProcessor} before the body is serialized.
 */
public final class HttpCaching {

    private final CacheControl cacheControl;

    public HttpCaching(Duration maxAge) {
        this.cacheControl = CacheControl.maxAge(maxAge).mustRevalidate();
    }

    /** @param resource what names the answer within the producer's data: the view and its parameters */
    <T extends Revisioned> ResponseEntity<T> ok(String producerId, T body, Object... resource) {
        return ok(producerId, body.revision(), body, resource);
    }

    <T> ResponseEntity<T> ok(String producerId, String revision, T body, Object... resource) {
        return ResponseEntity.ok()
                .eTag(etag(producerId, revision, resource))
                .cacheControl(cacheControl)
                .varyBy(HttpHeaders.AUTHORIZATION)
                .body(body);
    }

    /** {@code W/"<22 base64url characters>"}: 132 bits of SHA-256, opaque, safe in a header whatever the ids hold. */
    static String etag(String producerId, String revision, Object... resource) {
        Digest digest = Digest.start().add(producerId).add(revision);
        for (Object part : resource) {
            digest.add(part);
        }
        return "W/\"" + digest.finish().substring(0, 22) + "\"";
    }
}
