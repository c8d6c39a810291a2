package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.Batch;
import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;

import java.util.Collection;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The writer's consumer offsets, kept in Postgres next to the rows they cover: Kafka's committed
 * offsets are never trusted for position, only informative for lag tools.
 */
public final class OffsetStore {

    private final String group;

    public OffsetStore(String group) {
        this.group = group;
    }

    /** The next offset to write per partition; partitions never written are absent. */
    public Map<Integer, Long> load(DSLContext dsl, String topic, Collection<Integer> partitions) {
        return dsl.select(PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                .from(PROJECTION_OFFSETS)
                .where(PROJECTION_OFFSETS.CONSUMER_GROUP.eq(group))
                .and(PROJECTION_OFFSETS.TOPIC.eq(topic))
                .and(PROJECTION_OFFSETS.PARTITION.in(partitions))
                .fetchMap(PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET);
    }

    /**
     * Moves a partition's offset to {@code range.next()} inside the batch transaction, unless some writer
     * already stored an offset beyond {@code range.first()}: then this batch (or part of it) is already
     * written, by a zombie or a redelivery, and the whole transaction must roll back.
     */
    public void advance(DSLContext tx, String topic, int partition, Batch.OffsetRange range) {
        int updated = tx.insertInto(PROJECTION_OFFSETS, PROJECTION_OFFSETS.CONSUMER_GROUP, PROJECTION_OFFSETS.TOPIC,
                        PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                .values(group, topic, partition, range.next())
                .onConflict(PROJECTION_OFFSETS.CONSUMER_GROUP, PROJECTION_OFFSETS.TOPIC, PROJECTION_OFFSETS.PARTITION)
                .doUpdate()
                .set(PROJECTION_OFFSETS.NEXT_OFFSET, excluded(PROJECTION_OFFSETS.NEXT_OFFSET))
                .set(PROJECTION_OFFSETS.UPDATED_AT, currentOffsetDateTime())
                .where(PROJECTION_OFFSETS.NEXT_OFFSET.le(range.first()))
                .execute();
        if (updated != 1) {
            throw new StaleBatchException(topic + "-" + partition + " is already written past offset " + range.first());
        }
    }

    /** The batch starts before the stored offset: it was written already. Re-seek from Postgres. */
    public static final class StaleBatchException extends RuntimeException {
        StaleBatchException(String message) {
            super(message);
        }
    }
}
