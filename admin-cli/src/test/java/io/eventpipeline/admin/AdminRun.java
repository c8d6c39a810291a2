package io.eventpipeline.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code ./admin}'s entry point ({@link AdminCli#run}) with the given environment, as the script
 * does, and keeps what it printed.
 */
public final class AdminRun {

    private final Map<String, String> environment;

    public AdminRun(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public AdminRun with(String name, String value) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.put(name, value);
        return new AdminRun(changed);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCli.run(args, environment::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What one command printed and its exit code. */
    public record Result(int code, String out, String err) {

        public List<String> lines() {
            return out.lines().toList();
        }

        /** The cells of the first output line whose leading cells are {@code first}. */
        public Optional<List<String>> row(String... first) {
            return lines().stream().map(l -> Arrays.asList(l.trim().split("\\s{2,}")))
                    .filter(cells -> cells.size() >= first.length && cells.subList(0, first.length).equals(List.of(first)))
                    .findFirst();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
