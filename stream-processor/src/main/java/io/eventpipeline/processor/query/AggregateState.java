package io.eventpipeline.processor.query;

/**
 * What the processor holds about one aggregate, read from the state of the instance that owns its shard.
 *
 * @param aggregate  the key, {@code producerId/aggregateType/aggregateId}
 * @param shard      the shard (partition of the shard topic and of both stores) that holds it
 * @param version    the aggregate's current version, or null when the processor never versioned it
 * @param eventId    the event id asked about, or null when none was
 * @param seen       whether {@code (producerId, eventId)} is in the dedup state: an accepted event inside the
 *                   retention window, whose copies are dropped; null when no event id was asked about
 * @param servedBy   the instance that answered ({@code APPLICATION_SERVER}, or {@code local})
 */
public record AggregateState(String aggregate, int shard, Long version, String eventId, Boolean seen, String servedBy) {
}
