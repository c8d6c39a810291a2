package io.eventpipeline.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Condition-based waiting for tests: poll until true, fail with what was awaited after a generous timeout. */
public final class Await {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(BooleanSupplier condition) {
        until(DEFAULT_TIMEOUT, "the condition", condition);
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        until(timeout, "the condition", condition);
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
