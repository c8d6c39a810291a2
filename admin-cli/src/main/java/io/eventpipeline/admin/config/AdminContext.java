package io.eventpipeline.admin.config;

import java.util.function.Function;

/**
 * What every subcommand is given: the console and the clients, the latter built from the environment
 * only when a command first needs them, so {@code --help} works with a broken configuration.
 */
public final class AdminContext {

    private final Function<String, String> environment;
    private final Console console;
    private Clients clients;

    public AdminContext(Function<String, String> environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    public Console console() {
        return console;
    }

    /** @throws IllegalArgumentException naming the variable when the configuration is invalid */
    public Clients clients() {
        if (clients == null) {
            clients = new Clients(AdminSettings.fromEnvironment(environment));
        }
        return clients;
    }

    public AdminSettings settings() {
        return clients().settings();
    }
}
