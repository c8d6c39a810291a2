package io.eventpipeline.schemas.config;

/**
 * A setting that cannot be used; the message starts with the environment variable to fix, and
 * {@link #variable()} names it for code that reports several at once.
 */
public final class InvalidVariableException extends IllegalArgumentException {

    private final String variable;

    public InvalidVariableException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public InvalidVariableException(String variable, String problem, Throwable cause) {
        super(variable + " " + problem, cause);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
