package io.eventpipeline.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Condition-based waiting for tests: poll until true, fail after a generous timeout. */
public final class Awaiting {

    private Awaiting() {
    }

    public static void until(BooleanSupplier condition) {
        until(Duration.ofSeconds(30), condition);
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
