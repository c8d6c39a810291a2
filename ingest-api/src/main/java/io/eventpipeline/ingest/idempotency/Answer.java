package io.eventpipeline.ingest.idempotency;

/** A completed execution's status and body: what the {@link IdempotencyGuard} stores and replays. */
public record Answer(int status, byte[] body) {
}
