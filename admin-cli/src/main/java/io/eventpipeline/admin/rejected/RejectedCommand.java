package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.AdminContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./admin rejected list|show|redrive}: events the pipeline refused after accepting them. */
@Command(name = "rejected", description = {"List, show and redrive rejected events (list|show|redrive).",
    "List and inspect events.rejected by reason; put chosen ones back on events.raw after they were fixed,",
    "with their eventId and producer."})
public final class RejectedCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine(AdminContext context) {
        return new CommandLine(new RejectedCommand())
                .addSubcommand(new ListRejected(context))
                .addSubcommand(new ShowRejected(context))
                .addSubcommand(new RedriveRejected(context));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "rejected needs list, show or redrive");
    }
}
