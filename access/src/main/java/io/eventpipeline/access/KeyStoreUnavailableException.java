package io.eventpipeline.access;

/** The key store could not answer (database down, pool exhausted); services answer 503 with Retry-After. */
public final class KeyStoreUnavailableException extends RuntimeException {

    KeyStoreUnavailableException(RuntimeException cause) {
        super("the API key store is unavailable: " + cause.getMessage(), cause);
    }
}
