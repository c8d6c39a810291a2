package io.eventpipeline.read.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.query.AggregateView;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class HttpCachingTest {

    private final AggregateView head = new AggregateView("order", "o\"1", 2, UUID.randomUUID(), "order.paid", 2,
            OffsetDateTime.parse("2026-11-27T08:00:00Z"));

    @Test
    void shouldAnswerWithAWeakOpaqueEtagCacheControlAndVary() {
        ResponseEntity<AggregateView> response = new HttpCaching(Duration.ZERO).ok("p1", head, "head", "order", "o\"1");

        assertThat(response.getHeaders().getETag()).matches("W/\"[A-Za-z0-9_-]{22}\"");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("max-age=0, must-revalidate");
        assertThat(response.getHeaders().getVary()).containsExactly("Authorization");
        assertThat(response.getBody()).isSameAs(head);
    }

    @Test
    void shouldGiveAnotherEtagToAnotherProducerResourceOrRevision() {
        String etag = HttpCaching.etag("p1", "v2", "head", "order", "o-1");

        assertThat(HttpCaching.etag("p1", "v2", "head", "order", "o-1")).isEqualTo(etag);
        assertThat(HttpCaching.etag("p2", "v2", "head", "order", "o-1")).isNotEqualTo(etag);
        assertThat(HttpCaching.etag("p1", "v2", "head", "order", "o-2")).isNotEqualTo(etag);
        assertThat(HttpCaching.etag("p1", "v2", "events", "order", "o-1")).isNotEqualTo(etag);
        assertThat(HttpCaching.etag("p1", "v3", "head", "order", "o-1")).isNotEqualTo(etag);
    }

    @Test
    void shouldLetSharedCachesKeepAnswersForTheConfiguredMaxAge() {
        ResponseEntity<AggregateView> response = new HttpCaching(Duration.ofSeconds(5)).ok("p1", head, "head", "order", "o\"1");

        assertThat(response.getHeaders().getCacheControl()).isEqualTo("max-age=5, must-revalidate");
    }
}
