package io.eventpipeline.projection.consume;

import java.util.Collection;
import java.util.Map;

/** The next offset per partition as Postgres stores it (with the rows); partitions never written are absent. */
@FunctionalInterface
public interface StoredPositions {

    Map<Integer, Long> load(String topic, Collection<Integer> partitions);
}
