package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code ./admin rejected show ID}: the whole rejection, or only the refused event to fix it. */
@Command(name = "show", description = {"One rejection as JSON: key, headers, timestamp and value.",
    "With --envelope only the refused event, ready to edit into a fixed.json for redrive."})
final class ShowRejected implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(paramLabel = "ID", description = "<topic>-<partition>-<offset> as rejected list prints it.")
    String id;

    @Option(names = "--envelope", description = "Print only the refused event (its envelope, or its original bytes).")
    boolean envelopeOnly;

    ShowRejected(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Rejection rejection = new RejectedLog(context.clients(), context.settings().rejectedTopic(), context.console())
                .fetch(RejectionId.parse(id));
        if (envelopeOnly) {
            printEvent(rejection);
        } else {
            context.console().line(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(whole(rejection)));
        }
        return 0;
    }

    private void printEvent(Rejection rejection) {
        ObjectNode document = rejection.document();
        byte[] original = rejection.originalBytes();
        if (document != null) {
            context.console().line(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else if (original != null) {
            context.console().line(new String(original, StandardCharsets.UTF_8));
        } else {
            context.console().progress(rejection.id() + " is truncated: the event itself was not kept, only "
                    + Json.MAPPER.writeValueAsString(rejection.value()));
        }
    }

    private static ObjectNode whole(Rejection rejection) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", rejection.id().toString());
        node.put("key", rejection.record().key());
        node.put("timestamp", Instant.ofEpochMilli(rejection.record().timestamp()).toString());
        ObjectNode headers = node.putObject("headers");
        for (Header header : rejection.record().headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        node.set("value", rejection.value());
        return node;
    }
}
