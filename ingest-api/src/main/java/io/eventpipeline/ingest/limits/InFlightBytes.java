package io.eventpipeline.ingest.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Bounds the request bytes this instance holds at once ({@code MAX_IN_FLIGHT_BYTES}): a request reserves
 * its declared length (or its route's limit when it declares none) before its body is read and returns
 * it when answered. Past the bound a request is refused at once (503 with Retry-After) instead of piling
 * up bodies on the heap; a request never waits for bytes.
 */
public final class InFlightBytes {

    private final Semaphore bytes;

    public InFlightBytes(int maxBytes, MeterRegistry meters) {
        this.bytes = new Semaphore(maxBytes);
        Gauge.builder("ingest.inflight.bytes.available", bytes, Semaphore::availablePermits)
                .description("Request bytes this instance may still take in").baseUnit("bytes").register(meters);
    }

    /** A reservation, empty when the bound is reached; close it when the request is answered. */
    public Optional<Reservation> reserve(int requested) {
        return bytes.tryAcquire(requested) ? Optional.of(new Reservation(requested)) : Optional.empty();
    }

    /** Bytes held by one request. */
    public final class Reservation implements AutoCloseable {
        private final int held;

        private Reservation(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            bytes.release(held);
        }
    }
}
