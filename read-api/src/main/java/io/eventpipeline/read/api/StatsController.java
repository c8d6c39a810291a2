package io.eventpipeline.read.api;

import io.eventpipeline.access.Principal;
import io.eventpipeline.read.stats.EventTypeStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Analytics reads of the caller's producer, never cached: they run on the analytics pool with its statement timeout. */
@RestController
class StatsController {

    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final EventTypeStats stats;
    private final Clock clock;
    private final HttpCaching caching;

    StatsController(EventTypeStats stats, Clock clock, HttpCaching caching) {
        this.stats = stats;
        this.clock = clock;
        this.caching = caching;
    }

    /** {@code since} and {@code until} are ISO-8601 instants; default the last hour. */
    @GetMapping("/v1/stats/event-types")
    ResponseEntity<EventTypeStats.Report> eventTypes(Principal caller, @RequestParam(required = false) String since, @RequestParam(required = false) String until) {
        Instant to = until == null ? clock.instant() : instant("until", until);
        Instant from = since == null ? to.minus(DEFAULT_RANGE) : instant("since", since);
        if (!from.isBefore(to)) {
            throw new InvalidParameterException("since", "since must be before until");
        }
        return caching.ok(caller.producerId(), stats.count(caller.producerId(), from, to), "stats");
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, name + " must be an ISO-8601 instant such as 2026-11-27T08:00:00Z");
        }
    }
}
