package io.eventpipeline.processor.config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died of an unexpected exception (its tasks are retried from the last
 * committed transaction, so nothing is lost or doubled), at most {@code maxReplacements} times within
 * {@code window}; one more failure shuts the client down, which turns its state to ERROR and the
 * health check DOWN, rather than looping on a fault that does not go away.
 */
public final class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BoundedThreadReplacement.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    public BoundedThreadReplacement(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        long now = clock.millis();
        while (!recentFailures.isEmpty() && recentFailures.peekFirst() < now - window.toMillis()) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() < maxReplacements) {
            recentFailures.addLast(now);
            log.error("stream thread failed; replacing it ({} of {} within {})", recentFailures.size(),
                    maxReplacements, window, failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("stream thread failed {} times within {}: shutting the stream processor down", maxReplacements + 1,
                window, failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
