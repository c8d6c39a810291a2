package io.eventpipeline.processor.health;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * When the processor stops saying it is ready.
 *
 * @param threadFailureWindow {@code HEALTH_THREAD_FAILURE_WINDOW}: not ready while a stream thread died or was
 *                            replaced within this window
 * @param stallWindow         {@code HEALTH_STALL_WINDOW}: not ready when, over this window, an input partition of
 *                            this instance got new records but its committed offset did not move
 * @param checkInterval       {@code HEALTH_CHECK_INTERVAL}: how often committed and end offsets are sampled
 */
public record HealthSettings(Duration threadFailureWindow, Duration stallWindow, Duration checkInterval) {

    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofMinutes(2), Duration.ofMinutes(2),
            Duration.ofSeconds(10));

    public HealthSettings {
        Variables.require(threadFailureWindow != null && threadFailureWindow.isPositive(), "HEALTH_THREAD_FAILURE_WINDOW",
                "must be > 0");
        Variables.require(stallWindow != null && stallWindow.isPositive(), "HEALTH_STALL_WINDOW", "must be > 0");
        Variables.require(checkInterval != null && checkInterval.isPositive(), "HEALTH_CHECK_INTERVAL", "must be > 0");
        Variables.require(stallWindow.compareTo(checkInterval.multipliedBy(2)) >= 0, "HEALTH_STALL_WINDOW",
                "must be at least twice HEALTH_CHECK_INTERVAL");
    }

    public static HealthSettings from(Variables v) {
        return new HealthSettings(v.duration("HEALTH_THREAD_FAILURE_WINDOW", DEFAULTS.threadFailureWindow()),
                v.duration("HEALTH_STALL_WINDOW", DEFAULTS.stallWindow()),
                v.duration("HEALTH_CHECK_INTERVAL", DEFAULTS.checkInterval()));
    }
}
