package io.eventpipeline.processor.query;

import io.eventpipeline.processor.dedup.Dedup;
import io.eventpipeline.processor.dedup.DedupKey;
import io.eventpipeline.processor.versioning.Versioning;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries (IQv2) against this instance's active stores: the version store by aggregate, the dedup store
 * by (producer, eventId). Both are partitioned like the shard topic, by aggregate, so an event id is looked up in its
 * aggregate's shard; without a known shard (no {@code APPLICATION_SERVER}) every local shard is asked.
 */
final class LocalState {

    private LocalState() {
    }

    static AggregateState read(KafkaStreams streams, String aggregate, OptionalInt shard, String producerId,
            UUID eventId, String servedBy) {
        Map<Integer, QueryResult<Long>> versions = streams.query(inShard(StateQueryRequest.inStore(Versioning.STORE)
                .withQuery(KeyQuery.<String, Long>withKey(aggregate)), shard)).getPartitionResults();
        int found = shard.orElse(-1);
        Long version = null;
        for (var result : versions.entrySet()) {
            requireSuccess(result.getValue(), Versioning.STORE, result.getKey());
            if (result.getValue().getResult() != null) {
                found = result.getKey();
                version = result.getValue().getResult();
            }
        }
        Boolean seen = eventId == null ? null : seen(streams, new DedupKey(producerId, eventId), shard);
        return new AggregateState(aggregate, found, version, eventId == null ? null : eventId.toString(), seen, servedBy);
    }

    private static boolean seen(KafkaStreams streams, DedupKey id, OptionalInt shard) {
        var query = WindowKeyQuery.<DedupKey, Object>withKeyAndWindowStartRange(id, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE));
        Map<Integer, QueryResult<WindowStoreIterator<Object>>> hits = streams.query(
                inShard(StateQueryRequest.inStore(Dedup.STORE).withQuery(query), shard)).getPartitionResults();
        boolean seen = false;
        for (var result : hits.entrySet()) {
            requireSuccess(result.getValue(), Dedup.STORE, result.getKey());
            try (WindowStoreIterator<Object> iterator = result.getValue().getResult()) {
                seen |= iterator.hasNext();
            }
        }
        return seen;
    }

    private static <R> StateQueryRequest<R> inShard(StateQueryRequest<R> request, OptionalInt shard) {
        StateQueryRequest<R> active = request.requireActive();
        return shard.isPresent() ? active.withPartitions(Set.of(shard.getAsInt())) : active;
    }

    private static void requireSuccess(QueryResult<?> result, String store, int shard) {
        if (result == null || result.isFailure()) {
            throw new NotAvailableException(store + " shard " + shard + " cannot be queried here now"
                    + (result == null ? "" : ": " + result.getFailureReason() + " " + result.getFailureMessage()));
        }
    }
}
