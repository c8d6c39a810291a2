package io.eventpipeline.read.cache;

/**
 * A kind of cached read ({@code head}, {@code events}, {@code memories}): names the metrics' {@code view} tag
 * and gives the type that L2's JSON is read back into.
 */
public record CacheView<V>(String name, Class<V> type) {
}
