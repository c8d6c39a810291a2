package io.eventpipeline.admin.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the processor and Postgres agree about an aggregate. Postgres behind the processor is normal
 * while the writer has records of the aggregate's partition left to write; anything else is a
 * disagreement: Postgres ahead means the processor would hand out versions again (its state was lost or
 * reset), Postgres behind with nothing left to write means events were lost on the way.
 */
record Verdict(List<String> disagreements, List<String> notes) {

    static Verdict of(Long processor, StoredAggregate stored, long writerLag) {
        List<String> disagreements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long inProcessor = processor == null ? 0 : processor;
        long inPostgres = stored.version() == null ? 0 : stored.version();
        if (inPostgres > inProcessor) {
            disagreements.add("Postgres is at version " + inPostgres + " but the processor at " + inProcessor
                    + ": the processor would give the next event version " + (inProcessor + 1) + " again");
        } else if (inPostgres < inProcessor && writerLag == 0) {
            disagreements.add("the processor is at version " + inProcessor + " but Postgres at " + inPostgres
                    + " and the writer has nothing left to write on this aggregate's partition");
        } else if (inPostgres < inProcessor) {
            notes.add("Postgres is " + (inProcessor - inPostgres) + " version(s) behind while the writer has " + writerLag
                    + " records left on this aggregate's partition of events.log: catching up");
        }
        if (!stored.gapless()) {
            disagreements.add("events holds " + stored.eventRows() + " active rows with " + stored.distinctVersions()
                    + " distinct versions up to " + stored.highestEvent() + ": versions are not 1.." + stored.highestEvent()
                    + " once each");
        }
        if (stored.version() != null && stored.highestEvent() != null && !stored.version().equals(stored.highestEvent())) {
            disagreements.add("aggregates.version " + stored.version() + " is not the highest event_version "
                    + stored.highestEvent());
        }
        return new Verdict(disagreements, notes);
    }

    boolean agrees() {
        return disagreements.isEmpty();
    }
}
