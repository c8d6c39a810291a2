package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./admin rejected redrive ID... [--from-file fixed.json]}: every ID is checked first; if any is
 * refused, nothing is sent.
 */
@Command(name = "redrive", description = {"Put rejected events back on events.raw, fixed or as they were.",
    "Each keeps its eventId (dedup still holds) and its producer, with a redrive-of header naming the",
    "rejection. All are checked before any is sent: one refusal sends nothing."})
final class RedriveRejected implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "<topic>-<partition>-<offset> as rejected list prints it.")
    List<String> ids;

    @Option(names = "--from-file", paramLabel = "FILE",
            description = "The fixed envelope (JSON) to send instead of the refused one; only with a single ID.")
    Path fixedFile;

    @Option(names = "--dry-run", description = "Check and print what would be sent; send nothing.")
    boolean dryRun;

    RedriveRejected(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (fixedFile != null && ids.size() != 1) {
            throw new IllegalArgumentException("--from-file fixes one rejection: give exactly one ID");
        }
        ObjectNode fixed = fixedFile == null ? null : readFixed(fixedFile);
        RejectedLog log = new RejectedLog(context.clients(), context.settings().rejectedTopic(), context.console());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (String id : ids) {
            Rejection rejection = log.fetch(RejectionId.parse(id));
            records.add(Redrive.toRaw(rejection, fixed, context.settings().rawTopic(), context.settings().budget()));
            rejections.add(rejection);
        }
        if (dryRun) {
            for (int i = 0; i < records.size(); i++) {
                context.console().line("would redrive " + rejections.get(i).id() + " to " + records.get(i).topic()
                        + " key " + records.get(i).key() + ": " + new String(records.get(i).value(), StandardCharsets.UTF_8));
            }
            return 0;
        }
        send(records, rejections);
        return 0;
    }

    private void send(List<ProducerRecord<String, byte[]>> records, List<Rejection> rejections) throws Exception {
        try (KafkaProducer<String, byte[]> producer = context.clients().producer()) {
            for (int i = 0; i < records.size(); i++) {
                RecordMetadata sent = producer.send(records.get(i)).get();
                Rejection rejection = rejections.get(i);
                context.console().line("redriven " + rejection.id() + " -> " + sent.topic() + "-" + sent.partition() + "-"
                        + sent.offset() + " key " + records.get(i).key() + " eventId " + eventIdOf(records.get(i)));
            }
        }
    }

    private static String eventIdOf(ProducerRecord<String, byte[]> record) {
        return Json.MAPPER.readTree(record.value()).get("eventId").asString();
    }

    private static ObjectNode readFixed(Path file) {
        try {
            if (Json.MAPPER.readTree(Files.readString(file)) instanceof ObjectNode object) {
                return object;
            }
            throw new Refusal(file + " must hold one JSON object: the fixed envelope");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new Refusal(file + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
