package io.eventpipeline.admin.config;

/**
 * An action refused before it changed anything, with the reason an operator needs; {@code ./admin}
 * prints {@code refused: <reason>} and exits with {@link ExitCodes#REFUSED}.
 */
public final class Refusal extends RuntimeException {

    public Refusal(String reason) {
        super(reason);
    }
}
