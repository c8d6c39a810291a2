package io.eventpipeline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class BoundedThreadReplacementTest {

    private static final RuntimeException FAILURE = new IllegalStateException("boom");

    @Test
    void shouldReplaceThreadUpToTheLimitThenShutDownTheClient() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(2, Duration.ofMinutes(10), fixedAt(0));

        StreamThreadExceptionResponse first = handler.handle(FAILURE);
        StreamThreadExceptionResponse second = handler.handle(FAILURE);
        StreamThreadExceptionResponse third = handler.handle(FAILURE);

        assertThat(first).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(second).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(third).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldReplaceAgainWhenEarlierFailuresLeftTheWindow() {
        MutableClock clock = new MutableClock();
        BoundedThreadReplacement handler = new BoundedThreadReplacement(1, Duration.ofMinutes(10), clock);
        handler.handle(FAILURE);

        clock.now = Duration.ofMinutes(11).toMillis();
        StreamThreadExceptionResponse later = handler.handle(FAILURE);

        assertThat(later).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutDownAtOnceWhenNoReplacementIsAllowed() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(0, Duration.ofMinutes(10), fixedAt(0));

        assertThat(handler.handle(FAILURE)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    private static Clock fixedAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static final class MutableClock extends Clock {
        long now;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
