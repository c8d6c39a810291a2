package io.eventpipeline.admin.inspect;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.topics.LagReader;
import io.eventpipeline.schemas.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./admin inspect <producer> <type/id>}: an aggregate in the processor next to its rows in Postgres. */
@Command(name = "inspect", description = {"An aggregate's version in the processor next to Postgres; flags disagreement.",
    "The processor's live version and dedup state (interactive queries on its management port,",
    "PROCESSOR_MANAGEMENT_URL; its committed changelog when that does not answer) beside the aggregates",
    "row, the newest events and whether versions are gapless; exit 4 when they disagree."})
public final class InspectCommand implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(index = "0", paramLabel = "PRODUCER", description = "The producer (tenant) the aggregate belongs to.")
    String producer;

    @Parameters(index = "1", paramLabel = "TYPE/ID", description = "aggregateType/aggregateId, e.g. order/o-17.")
    String aggregate;

    @Option(names = "--event-id", paramLabel = "UUID",
            description = "Also say whether this event id is in the processor's dedup state (accepted: copies dropped).")
    UUID eventId;

    public InspectCommand(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        int slash = aggregate.indexOf('/');
        if (slash <= 0 || slash == aggregate.length() - 1) {
            throw new IllegalArgumentException("TYPE/ID must look like order/o-17, got " + aggregate);
        }
        String type = aggregate.substring(0, slash);
        String id = aggregate.substring(slash + 1);
        AdminSettings settings = context.settings();
        String key = EventEnvelope.aggregateKey(producer, type, id);
        LiveState live = LiveState.read(context.clients().http(), settings.processorUrl(), producer, type, id, eventId,
                settings.timeout());
        ProcessorVersion processor = live.answered() ? null : ProcessorVersion.read(context.clients(),
                context.console(), settings.processorGroup() + "-version-store-changelog", key);
        Long version = live.answered() ? live.version() : processor.version();
        StoredAggregate stored;
        try (Connection connection = context.clients().database()) {
            stored = StoredAggregate.read(connection, producer, type, id);
        }
        long lag = writerLag(settings, key);
        Verdict verdict = Verdict.of(version, stored, lag);
        print(key, version, describe(live, processor), stored, lag, verdict);
        return verdict.agrees() ? ExitCodes.OK : ExitCodes.DISAGREEMENT;
    }

    private long writerLag(AdminSettings settings, String key) throws Exception {
        try (Admin admin = context.clients().admin()) {
            var lags = new LagReader(admin, context.clients()).writer(settings.writerGroupId(), settings.logTopic());
            int partitions = lags.isEmpty() ? 0 : lags.getFirst().byPartition().size();
            if (partitions == 0) {
                return 0;
            }
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            return lags.getFirst().byPartition().getOrDefault(partition, 0L);
        }
    }

    /** Where the processor's version came from, its dedup answer for {@code --event-id}, and a note; null when none. */
    private record ProcessorLines(String source, String dedup, String note) {
    }

    private ProcessorLines describe(LiveState live, ProcessorVersion processor) {
        if (!live.answered()) {
            return new ProcessorLines("  (committed state: " + processor.topic() + " partition " + processor.partition()
                    + ")", eventId == null ? null : eventId + " unknown: the processor did not answer",
                    "the processor's management port did not answer, so its committed changelog was read: "
                            + live.problem());
        }
        String dedup = eventId == null ? null : eventId + (live.seen()
                ? " seen: an accepted event, copies of it are dropped"
                : " not seen: an event with this id would be processed (new, rejected, or older than DEDUP_RETENTION)");
        return new ProcessorLines("  (live state: shard " + live.shard() + " on " + live.servedBy() + ")", dedup, null);
    }

    private void print(String key, Long version, ProcessorLines processor, StoredAggregate stored, long lag,
            Verdict verdict) {
        Console console = context.console();
        console.line("aggregate  " + key);
        console.line("processor  version " + orNone(version) + processor.source());
        if (processor.dedup() != null) {
            console.line("dedup      " + processor.dedup());
        }
        if (processor.note() != null) {
            console.line("note       " + processor.note());
        }
        console.line("postgres   version " + orNone(stored.version()) + "  last event " + orNone(stored.lastEventId()) + " "
                + orNone(stored.lastEventType()) + ", " + orNone(stored.eventCount()) + " events, updated " + orNone(stored.updatedAt()));
        console.line("events     " + stored.eventRows() + " active rows, versions " + (stored.gapless() ? "gapless" : "NOT gapless")
                + (stored.highestEvent() == null ? "" : " up to " + stored.highestEvent()));
        stored.latest().forEach(e -> console.line("           v" + e.version() + "  " + e.type() + "  " + e.id() + "  " + e.createdAt()));
        console.line("writer     " + lag + " records left on this aggregate's partition of events.log");
        verdict.notes().forEach(n -> console.line("note       " + n));
        verdict.disagreements().forEach(d -> console.line("DISAGREE   " + d));
        console.line(verdict.agrees() ? "verdict    agree" : "verdict    DISAGREE");
    }

    private static String orNone(Object value) {
        return value == null ? "none" : value.toString();
    }
}
