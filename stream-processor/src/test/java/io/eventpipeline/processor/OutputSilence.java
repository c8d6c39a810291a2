package io.eventpipeline.processor;

import io.eventpipeline.schemas.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Pauses read from events.log as a consumer sees it: under steady load every shard (a task, holding many
 * aggregates) puts out events many times a second, so the longest time a shard went without output across a change
 * (a rebalance, a kill) is how long it stopped. The longest over all shards is the pause of the shards that moved;
 * the others show the machine's noise.
 */
final class OutputSilence {

    private OutputSilence() {
    }

    /** The longest gap between two arrivals of one shard's events that overlaps {@code [from, to]}, in ms. */
    static long longest(TopicReader<EventEnvelope> log, int shards, long from, long to) {
        List<ConsumerRecord<String, EventEnvelope>> records = log.records();
        List<Long> arrivals = log.arrivals();
        Map<String, Long> previous = new HashMap<>();
        long longest = 0;
        for (int i = 0; i < Math.min(records.size(), arrivals.size()); i++) {
            long at = arrivals.get(i);
            String shard = String.valueOf(shardOf(records.get(i).key(), shards));
            Long before = previous.put(shard, at);
            if (before != null && at >= from && before <= to) {
                longest = Math.max(longest, at - Math.max(before, from - 1_000));
            }
        }
        return longest;
    }

    /** The shard of an aggregate: its partition of the shard topic, as Kafka Streams' default partitioner puts it. */
    static int shardOf(String key, int shards) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % shards;
    }

    /** Whether each of {@code aggregates} distinct aggregates reached events.log after {@code at}. */
    static boolean everyAggregateAfter(TopicReader<EventEnvelope> log, long at, int aggregates) {
        List<ConsumerRecord<String, EventEnvelope>> records = log.records();
        List<Long> arrivals = log.arrivals();
        Map<String, Boolean> seen = new HashMap<>();
        for (int i = Math.min(records.size(), arrivals.size()) - 1; i >= 0 && arrivals.get(i) > at; i--) {
            seen.put(records.get(i).key(), true);
        }
        return seen.size() >= aggregates;
    }
}
