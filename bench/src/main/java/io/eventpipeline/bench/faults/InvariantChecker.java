package io.eventpipeline.bench.faults;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the pipeline's promises against what Kafka and PostgreSQL hold ({@link Observed}), attributing each
 * finding to the phase in which its request was first sent:
 * every event that got a 202 is in PostgreSQL exactly once (or, for a deliberate conflict or poison record,
 * on events.rejected); versions run 1, 2, 3 ... per aggregate; every committed row is covered by an
 * invalidation of its aggregate at that version or later; nothing left events.raw without reaching
 * events.log or events.rejected.
 */
final class InvariantChecker {

    private final Observed observed;
    private final Map<String, PhaseResult> phases = new LinkedHashMap<>();
    private final Map<String, String> phaseOfEvent = new HashMap<>();

    InvariantChecker(Observed observed, List<String> phaseNames) {
        this.observed = observed;
        phaseNames.forEach(name -> phases.put(name, new PhaseResult(name)));
    }

    Map<String, PhaseResult> check(List<LoadRequest> requests) {
        requests.forEach(this::checkRequest);
        checkVersions();
        checkLogDuplicates();
        return phases;
    }

    private PhaseResult phase(String name) {
        return phases.computeIfAbsent(name, PhaseResult::new);
    }

    private void checkRequest(LoadRequest request) {
        PhaseResult phase = phase(request.phase);
        switch (request.outcome()) {
            case UNRESOLVED, PENDING -> {
                phase.unresolved++;
                phase.violation("no answer after every retry: " + request.key);
            }
            case REFUSED -> {
                if (request.kind != LoadRequest.Kind.POISON) {
                    phase.violation("a valid request was refused: " + request.logLine());
                }
            }
            case ACCEPTED -> request.eventIds().forEach(id -> checkAccepted(phase, request, id));
        }
    }

    private void checkAccepted(PhaseResult phase, LoadRequest request, String id) {
        phaseOfEvent.put(id, request.phase);
        phase.accepted++;
        int rows = observed.rows.getOrDefault(id, 0);
        boolean rejected = observed.rejected.containsKey(id);
        if (!observed.raw.containsKey(id)) {
            phase.violation("202 for " + id + " (" + request.key + ") but not on events.raw");
        }
        if (rows > 0) {
            phase.stored++;
        }
        if (rows > 1) {
            phase.duplicates += rows - 1;
            phase.violation(rows + " rows for " + id);
        }
        if (rejected) {
            phase.rejected++;
        }
        if (rows == 0 && !rejected) {
            phase.lost++;
            phase.violation("lost: " + id + " (" + request.key + ", " + request.kind + "): on events.raw "
                    + observed.raw.getOrDefault(id, List.of()).size() + "x, events.log "
                    + observed.log.getOrDefault(id, 0) + "x, not in events, not rejected");
        }
        if (request.mustBeStored() && rows == 0 && rejected) {
            phase.unexpectedlyRejected++;
            phase.violation("valid event " + id + " rejected: " + observed.rejected.get(id));
        }
        if (request.kind == LoadRequest.Kind.CONFLICT && rows > 0) {
            phase.violation("event " + id + " with a wrong expectedVersion was stored");
        }
    }

    /** Gapless versions from PostgreSQL, and every row covered by an invalidation. */
    private void checkVersions() {
        observed.versions.forEach((aggregate, byVersion) -> {
            long expected = 1;
            long invalidatedUpTo = observed.invalidated.getOrDefault(aggregate, 0L);
            for (Map.Entry<Long, List<String>> entry : byVersion.entrySet()) {
                long version = entry.getKey();
                PhaseResult phase = phase(phaseOfEvent.getOrDefault(entry.getValue().getFirst(), "(not sent by the load)"));
                if (version != expected || entry.getValue().size() > 1) {
                    phase.gaps++;
                    phase.violation("%s: version %d where %d was next (%d rows)".formatted(aggregate, version, expected,
                            entry.getValue().size()));
                }
                if (version > invalidatedUpTo) {
                    phase.uninvalidated += entry.getValue().size();
                    phase.violation("%s v%d committed, newest invalidation says v%d".formatted(aggregate, version,
                            invalidatedUpTo));
                }
                expected = version + 1;
            }
        });
    }

    /** The processor's dedup: an event id twice on events.log is a duplicate even if the writer hid it. */
    private void checkLogDuplicates() {
        observed.log.forEach((id, count) -> {
            if (count > 1 && id != null) {
                PhaseResult phase = phase(phaseOfEvent.getOrDefault(id, "(not sent by the load)"));
                phase.violation("event " + id + " is " + count + " times on events.log");
            }
        });
        observed.raw.forEach((id, times) -> {
            if (id != null && !observed.log.containsKey(id) && !observed.rejected.containsKey(id)
                    && !phaseOfEvent.containsKey(id)) {
                phase("(not sent by the load)").violation("event " + id + " on events.raw reached neither events.log nor events.rejected");
            }
        });
    }

    /** Evidence for the ingest-api kill: which requests the kill cut, and where each was at that moment. */
    static String windowEvidence(List<LoadRequest> requests, Observed observed, long killMillis) {
        int cut = 0;
        int inWindow = 0;
        int replayed = 0;
        StringBuilder keys = new StringBuilder();
        for (LoadRequest r : requests) {
            List<LoadRequest.Attempt> attempts = r.attempts();
            if (r.firstSentMillis > killMillis || attempts.isEmpty() || attempts.getFirst().status() != -1
                    || Math.abs(attempts.getFirst().atMillis() - killMillis) > 3000) {
                continue;
            }
            cut++;
            if (attempts.stream().anyMatch(LoadRequest.Attempt::replayed)) {
                replayed++;
            } else if (r.eventIds().stream().anyMatch(id -> observed.raw.getOrDefault(id, List.of()).size() > 1
                    && observed.raw.get(id).getFirst() <= killMillis)) {
                inWindow++;
                if (inWindow <= 3) {
                    keys.append(' ').append(r.key).append(attempts.stream().anyMatch(a -> a.status() == 409) ? " (409 until the claim expired)" : "");
                }
            }
        }
        return "requests cut by the kill: %d; acknowledged by Kafka before the kill but not completed in Redis (sent again with the same event ids, the processor dropped the copy): %d%s; completed in Redis, answer lost (replayed on retry): %d"
                .formatted(cut, inWindow, keys.isEmpty() ? "" : ", e.g." + keys, replayed);
    }
}
