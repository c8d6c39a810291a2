package io.eventpipeline.read.query;

import java.util.List;

/**
 * A user's memories, newest first. Its revision is the list of memory ids: a memory is written once and only
 * ever soft-deleted (which takes it off the list), so the list changes exactly when its ids do.
 */
public record MemoryList(String userId, int limit, List<MemoryView> memories) implements Revisioned {

    public MemoryList {
        memories = List.copyOf(memories);
    }

    @Override
    public String revision() {
        Digest ids = Digest.start();
        memories.forEach(m -> ids.add(m.memoryId()));
        return memories.size() + ":" + ids.finish();
    }
}
