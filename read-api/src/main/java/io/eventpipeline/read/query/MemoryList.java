package io.eventpipeline.read.query;

import java.util.List;

/** A user's memories, newest first. */
public record MemoryList(String userId, int limit, List<MemoryView> memories) {

    public MemoryList {
        memories = List.copyOf(memories);
    }
}
