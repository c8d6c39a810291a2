package io.eventpipeline.read.query;

import java.time.OffsetDateTime;

/** One memory that is not soft-deleted. */
public record MemoryView(String memoryId, String userId, String content, OffsetDateTime createdAt) {
}
