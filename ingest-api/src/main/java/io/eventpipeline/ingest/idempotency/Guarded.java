package io.eventpipeline.ingest.idempotency;

/**
 * What the {@link IdempotencyGuard} decided for one request, as a value; the caller turns it into an answer.
 *
 * @param <T> what an execution returns
 */
public sealed interface Guarded<T> {

    /**
     * The execution ran for this request, here or in a concurrent identical request of this instance.
     *
     * @param degraded the idempotency store was unavailable: it ran unguarded across instances
     */
    record Ran<T>(T result, boolean degraded) implements Guarded<T> {
    }

    /** A completed execution's stored answer, replayed. */
    record Replayed<T>(int status, byte[] body) implements Guarded<T> {
    }

    /** The first request with this key has not finished yet. */
    record InProgress<T>() implements Guarded<T> {
    }

    /** The key was already used with a different method, path or body. */
    record KeyReused<T>() implements Guarded<T> {
    }
}
