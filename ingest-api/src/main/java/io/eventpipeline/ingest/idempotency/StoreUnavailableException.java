package io.eventpipeline.ingest.idempotency;

/** Redis did not answer (down, timed out, or the circuit breaker is open): the caller degrades. */
public final class StoreUnavailableException extends Exception {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
