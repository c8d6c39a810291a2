package io.eventpipeline.admin.partitions;

import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Console;
import java.util.Locale;

/** What a partition change will do, in the words an operator needs before saying yes. */
record PartitionPlan(AdminSettings settings, String topic, int current, int wanted, ProcessorFootprint processor,
        boolean dryRun, KeyMoves moves, String movesUnknown) {

    void print(Console console) {
        console.line((dryRun ? "plan (dry run, nothing changed): " : "plan: ") + "grow " + topic + " from " + current
                + " to " + wanted + " partitions");
        console.line("keys that move: a key's partition is murmur2(key) % partitions; about "
                + String.format(Locale.ROOT, "%.0f%%", 100 * movingShare(current, wanted))
                + " of the aggregates get a new partition for their next events");
        if (moves != null) {
            console.line("  of the " + moves.aggregates() + " aggregates in Postgres, " + moves.moved() + " move"
                    + (moves.examples().isEmpty() ? "" : ", e.g. " + String.join("; ", moves.examples())));
        } else {
            console.line("  (which aggregates: unknown, " + movesUnknown + ")");
        }
        if (topic.equals(settings.rawTopic())) {
            printRaw(console);
        } else if (topic.equals(settings.logTopic())) {
            console.line("writer: the processor is stopped and the writer has written everything, so no aggregate has "
                    + "events in two partitions at once; the writer starts the new partitions from their beginning");
        } else {
            console.line("readers of " + topic + " take the new partitions at their next metadata refresh; order across "
                    + "partitions does not matter there");
        }
        console.line("runs: Admin.createPartitions(" + topic + ", increaseTo(" + wanted + ")), what kafka-topics --alter "
                + "--topic " + topic + " --partitions " + wanted + " does");
    }

    private void printRaw(Console console) {
        int shards = processor.shards().orElseThrow();
        console.line("versions and dedup continue: the processor keeps them per aggregate in " + shards + " shards ("
                + String.join(", ", processor.repartitionTopics()) + "), not per partition of " + topic
                + ", so a moved aggregate's next event gets its last version + 1 and a repeated eventId is still dropped");
        if (wanted > shards) {
            console.line("note: " + wanted + " partitions > " + shards + " shards: only the stateless first step (read, "
                    + "validate) spreads over more tasks; at most " + shards + " instances share the stateful work");
        }
        console.line("order: producers and the processor see the new partitions at their next metadata refresh "
                + "(metadata.max.age.ms, 5 minutes by default); only events of a moved aggregate sent around that moment "
                + "can be versioned in either order (one read from the old partition, one from the new)");
        console.line("pause: the processor's group rebalances once when it sees the new partitions (within METADATA_MAX_AGE, "
                + processor.members() + " member(s) now); measured in the processor's PartitionGrowthIT: seen after ~5 s, "
                + "processing paused ~0.4-5.5 s on a loaded 2-core machine");
    }

    /** The share of keys whose partition changes, for keys spread evenly over murmur2's range. */
    static double movingShare(int from, int to) {
        long cycle = (long) from * to / gcd(from, to);
        long staying = 0;
        for (long r = 0; r < cycle; r++) {
            staying += r % from == r % to ? 1 : 0;
        }
        return 1.0 - (double) staying / cycle;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
