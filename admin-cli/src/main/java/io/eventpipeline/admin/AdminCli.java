package io.eventpipeline.admin;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.admin.inspect.InspectCommand;
import io.eventpipeline.admin.partitions.PartitionsCommand;
import io.eventpipeline.admin.rebuild.RebuildCommand;
import io.eventpipeline.admin.rejected.RejectedCommand;
import io.eventpipeline.admin.topics.TopicsCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./admin} command line. {@link #run} is the one entry point: {@link AdminMain} and the tests
 * call it, so what is tested is what the script runs.
 */
public final class AdminCli {

    @Command(name = "admin", mixinStandardHelpOptions = true, version = "event-pipeline admin 0.1.0",
            description = {"Operate the event pipeline: topics and lag, partitions, projection rebuilds,",
                "rejected events, aggregates. Configured by the services' environment variables",
                "(KAFKA_BOOTSTRAP_SERVERS, DATABASE_URL, TOPIC_PREFIX, ...); see admin-cli/README.md."},
            footer = {"", "Exit codes: 0 done, 1 a server failed, 2 usage or configuration error,",
                "3 refused as unsafe (nothing changed), 4 inspect found a disagreement."})
    static final class Root implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
        }
    }

    private AdminCli() {
    }

    /** Runs one command line; returns its exit code ({@link ExitCodes}). */
    public static int run(String[] args, Function<String, String> environment, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        AdminContext context = new AdminContext(environment, new Console(outWriter, errWriter));
        CommandLine cli = new CommandLine(new Root())
                .addSubcommand(new TopicsCommand(context))
                .addSubcommand(new PartitionsCommand(context))
                .addSubcommand(new RebuildCommand(context))
                .addSubcommand(RejectedCommand.commandLine(context))
                .addSubcommand(new InspectCommand(context));
        cli.setOut(outWriter).setErr(errWriter);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(e, errWriter));
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof Refusal refusal) {
            err.println("refused: " + refusal.getMessage());
            return ExitCodes.REFUSED;
        }
        if (e instanceof IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("failed: " + describe(e));
        return ExitCodes.FAILED;
    }

    /** The innermost message: a Kafka or JDBC failure is usually wrapped once or twice. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause == e ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
