package io.eventpipeline.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One logical request of a producer and every attempt made to get it answered: the load generator's
 * log, from which the checker learns what was accepted (and with which event ids) and in which phase.
 */
final class LoadRequest {

    /** What the request is: ordinary traffic, a deliberate version conflict, a canary, or a poison record. */
    enum Kind { NORMAL, CONFLICT, CANARY, POISON }

    enum Outcome { PENDING, ACCEPTED, REFUSED, UNRESOLVED }

    /**
     * @param status   the HTTP status, or -1 when no answer came (connection refused or reset, timeout)
     * @param replayed whether the answer carried {@code Idempotent-Replayed: true}
     * @param error    why there was no answer, or {@code null}
     */
    record Attempt(long atMillis, int status, boolean replayed, String error) {

        @Override
        public String toString() {
            return status < 0 ? "%d:%s".formatted(atMillis, error) : "%d:%d%s".formatted(atMillis, status, replayed ? "r" : "");
        }
    }

    final String key;
    final String phase;
    final Kind kind;
    final boolean batch;
    final String body;
    final List<String> aggregates;
    final long firstSentMillis;
    private final List<Attempt> attempts = new ArrayList<>();
    private List<String> eventIds = List.of();
    private Outcome outcome = Outcome.PENDING;

    LoadRequest(String key, String phase, Kind kind, boolean batch, String body, List<String> aggregates) {
        this.key = key;
        this.phase = phase;
        this.kind = kind;
        this.batch = batch;
        this.body = body;
        this.aggregates = List.copyOf(aggregates);
        this.firstSentMillis = System.currentTimeMillis();
    }

    synchronized void attempted(Attempt attempt) {
        attempts.add(attempt);
    }

    synchronized void finish(Outcome result, List<String> ids) {
        outcome = result;
        eventIds = List.copyOf(ids);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized List<String> eventIds() {
        return eventIds;
    }

    synchronized Outcome outcome() {
        return outcome;
    }

    /** When the request got its 2xx, or -1. */
    synchronized long acceptedMillis() {
        return outcome == Outcome.ACCEPTED ? attempts.getLast().atMillis() : -1;
    }

    /** Events a 202 promised to store: a deliberate conflict or a poison record may end on events.rejected instead. */
    boolean mustBeStored() {
        return kind == Kind.NORMAL || kind == Kind.CANARY;
    }

    /** One line of the load generator's log. */
    synchronized String logLine() {
        return String.format(Locale.ROOT, "%s phase=%s kind=%s batch=%s outcome=%s aggregates=%s eventIds=%s attempts=%s",
                key, phase, kind.name().toLowerCase(Locale.ROOT), batch, outcome, aggregates.size() > 3
                        ? aggregates.subList(0, 3) + "+" + (aggregates.size() - 3) : aggregates, eventIds, attempts);
    }
}
