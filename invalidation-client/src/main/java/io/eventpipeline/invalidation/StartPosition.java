package io.eventpipeline.invalidation;

/**
 * Where a consumer group without a committed position starts; with one it always resumes right after
 * it. {@link #LATEST} suits a cache that starts empty; {@link #EARLIEST} replays what the topic still
 * holds (compacted: the newest message per cache key), for a cache that survives restarts (Redis).
 */
public enum StartPosition {
    LATEST,
    EARLIEST
}
