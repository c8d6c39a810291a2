package io.eventpipeline.bench.faults;

import java.util.ArrayList;
import java.util.List;

/** The checker's verdict on one phase of the run: one row of the fault table. */
final class PhaseResult {

    final String phase;
    long accepted;
    long stored;
    long duplicates;
    long lost;
    long rejected;
    long unexpectedlyRejected;
    long gaps;
    long uninvalidated;
    long unresolved;
    Long recoveryMillis;
    Long maxDelayMillis;
    String evidence = "";
    final List<String> violations = new ArrayList<>();

    PhaseResult(String phase) {
        this.phase = phase;
    }

    /** Records a broken invariant; the first few instances of each are kept as examples. */
    void violation(String what) {
        if (violations.size() < 12) {
            violations.add(what);
        }
    }

    boolean holds() {
        return duplicates == 0 && lost == 0 && gaps == 0 && uninvalidated == 0 && unexpectedlyRejected == 0
                && unresolved == 0 && violations.isEmpty() && !evidence.startsWith("INJECTION FAILED");
    }
}
