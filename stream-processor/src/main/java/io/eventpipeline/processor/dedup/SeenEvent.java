package io.eventpipeline.processor.dedup;

/**
 * What the dedup store keeps about the first sighting of an eventId: where it was read and the
 * timestamp of that record, so an operator can trace a dropped duplicate back to its original.
 */
record SeenEvent(int partition, long offset, long timestampMs) {
}
