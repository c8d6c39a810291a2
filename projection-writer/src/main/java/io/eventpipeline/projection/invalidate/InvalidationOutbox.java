package io.eventpipeline.projection.invalidate;

import static io.eventpipeline.sql.jooq.Tables.PENDING_INVALIDATIONS;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Json;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import tools.jackson.databind.JsonNode;

/**
 * The transactional outbox of invalidations (table {@code pending_invalidations}). A batch's messages
 * are stored in the batch's own transaction, so they exist exactly when the rows they describe do; they
 * are deleted only after Kafka acknowledged every one. This is what makes "killed right after COMMIT"
 * harmless: the next writer (or the periodic sweep) publishes what is still pending.
 */
public final class InvalidationOutbox {

    /** A pending batch of messages. */
    public record Pending(UUID batchId, List<PlannedInvalidation> messages) {
    }

    public void store(DSLContext tx, UUID batchId, List<PlannedInvalidation> messages) {
        if (messages.isEmpty()) {
            return;
        }
        tx.insertInto(PENDING_INVALIDATIONS, PENDING_INVALIDATIONS.BATCH_ID, PENDING_INVALIDATIONS.DATA)
                .values(batchId, JSONB.valueOf(Json.MAPPER.writeValueAsString(messages)))
                .execute();
    }

    /** Batches stored and not yet deleted, i.e. not yet (known to be) published. */
    public int pendingBatches(DSLContext dsl) {
        return dsl.fetchCount(PENDING_INVALIDATIONS);
    }

    public void delete(DSLContext dsl, UUID batchId) {
        dsl.deleteFrom(PENDING_INVALIDATIONS).where(PENDING_INVALIDATIONS.BATCH_ID.eq(batchId)).execute();
    }

    /**
     * Locks (skipping rows another writer holds) up to {@code limit} batches committed more than
     * {@code minAge} ago; call inside a transaction and delete what was published before it ends.
     */
    public List<Pending> lockPending(DSLContext tx, Duration minAge, int limit) {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(minAge);
        return tx.select(PENDING_INVALIDATIONS.BATCH_ID, PENDING_INVALIDATIONS.DATA)
                .from(PENDING_INVALIDATIONS)
                .where(PENDING_INVALIDATIONS.COMMITTED_AT.le(before))
                .orderBy(PENDING_INVALIDATIONS.COMMITTED_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(InvalidationOutbox::toPending);
    }

    private static Pending toPending(Record2<UUID, JSONB> row) {
        List<PlannedInvalidation> messages = new ArrayList<>();
        for (JsonNode item : Json.MAPPER.readTree(row.value2().data())) {
            // Rows written before trace context was kept hold the bare message.
            messages.add(item.has("message") ? Json.MAPPER.treeToValue(item, PlannedInvalidation.class)
                    : new PlannedInvalidation(Json.MAPPER.treeToValue(item, CacheInvalidation.class), null));
        }
        return new Pending(row.value1(), messages);
    }
}
