package io.eventpipeline.read.query;

import java.time.OffsetDateTime;

/** One memory that is not soft-deleted. Written once, so while it is live its revision never moves. */
public record MemoryView(String memoryId, String userId, String content, OffsetDateTime createdAt) implements Revisioned {

    @Override
    public String revision() {
        return "live:" + createdAt.toInstant();
    }
}
