package io.eventpipeline.admin.config;

/** The exit codes of {@code ./admin}, documented in the admin README; scripts may rely on them. */
public final class ExitCodes {

    /** Done, or nothing to report. */
    public static final int OK = 0;
    /** A server could not be reached or answered with an error; the message says which. */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown subcommand, missing or malformed argument. */
    public static final int USAGE = 2;
    /** The action was refused because it is unsafe now; the message gives the reason and nothing was changed. */
    public static final int REFUSED = 3;
    /** {@code inspect} found the processor and Postgres disagreeing about an aggregate. */
    public static final int DISAGREEMENT = 4;

    private ExitCodes() {
    }
}
