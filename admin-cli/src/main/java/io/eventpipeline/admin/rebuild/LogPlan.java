package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.admin.config.Table;
import io.eventpipeline.admin.config.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rebuild will read, per partition of {@code events.log}: where the log starts (retention may
 * have deleted its beginning), where it ends (read_committed, captured at start) and where the writer
 * stands. The first pass reads each partition from offset 0 up to the writer's position.
 */
record LogPlan(String topic, List<Part> parts) {

    /** One partition: log start and end, the writer's next offset (0 when it never wrote there). */
    record Part(int partition, long start, long end, long writer) {

        long target() {
            return Math.min(end, writer);
        }
    }

    static LogPlan of(String topic, Map<Integer, Long> starts, Map<Integer, Long> ends, Map<Integer, Long> writer) {
        List<Part> parts = new ArrayList<>();
        new TreeMap<>(ends).forEach((p, end) -> parts.add(new Part(p, starts.getOrDefault(p, 0L), end, writer.getOrDefault(p, 0L))));
        return new LogPlan(topic, List.copyOf(parts));
    }

    /** Partition to the offset the first pass reads up to (exclusive). */
    Map<Integer, Long> targets() {
        Map<Integer, Long> targets = new TreeMap<>();
        parts.forEach(p -> targets.put(p.partition(), p.target()));
        return targets;
    }

    long total() {
        return parts.stream().mapToLong(Part::target).sum();
    }

    /**
     * Refuses a rebuild that could not be complete: retention deleted the start of a partition (its
     * events made rows a rebuild could not make again), or the writer's group holds no position at all
     * (a wrong {@code WRITER_GROUP_ID} would rebuild empty tables over full ones).
     */
    void refuseUnsafe(String writerGroup) {
        for (Part p : parts) {
            if (p.start() > 0) {
                throw new Refusal(topic + "-" + p.partition() + " starts at offset " + Units.count(p.start())
                        + ": retention deleted offsets 0.." + Units.count(p.start() - 1) + ", whose events the projections"
                        + " were built from; a rebuild would lose their rows (keep events.log longer: retention.ms=-1)");
            }
        }
        boolean anyEvents = parts.stream().anyMatch(p -> p.end() > 0);
        boolean anyPosition = parts.stream().anyMatch(p -> p.writer() > 0);
        if (anyEvents && !anyPosition) {
            throw new Refusal("the writer group " + writerGroup + " has stored no position on " + topic
                    + " (projection_offsets): a rebuild stops where the writer stands, so it would build empty tables;"
                    + " is WRITER_GROUP_ID right, has the writer run?");
        }
    }

    void print(Console console) {
        Table table = new Table("PARTITION", "LOG START", "LOG END", "WRITER AT", "EVENTS TO READ");
        for (Part p : parts) {
            table.row(topic + "-" + p.partition(), Units.count(p.start()), Units.count(p.end()), Units.count(p.writer()),
                    Units.count(p.target()));
        }
        table.print(console);
        console.line("total: " + Units.count(total()) + " events to read now, then those the writer stores meanwhile");
    }
}
