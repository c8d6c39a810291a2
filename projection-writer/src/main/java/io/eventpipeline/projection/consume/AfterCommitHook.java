package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.write.BatchWriter;

/**
 * Called right after a batch transaction commits and before anything else happens (invalidations,
 * position updates). Production uses {@link #NONE}; the crash test throws from here to prove that a
 * writer killed at this point loses and doubles nothing.
 */
@FunctionalInterface
public interface AfterCommitHook {

    AfterCommitHook NONE = outcome -> {
    };

    void afterCommit(BatchWriter.Outcome outcome);
}
