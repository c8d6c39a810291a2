package io.eventpipeline.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./admin} script itself, as an operator runs it: it finds a JDK, uses the packaged jar and
 * passes the exit code through.
 */
class AdminScriptIT {

    private static final Path SCRIPT = Path.of("..", "admin").toAbsolutePath().normalize();
    private static PipelineFixture pipeline;

    @BeforeAll
    static void given() {
        pipeline = new PipelineFixture("admin-script", 2);
    }

    @Test
    void shouldListTheCommandsAndTheExitCodes() throws Exception {
        Result help = script(Map.of(), "--help");

        assertThat(help.code()).as(help.toString()).isZero();
        assertThat(help.out()).contains("topics", "partitions", "rejected", "Exit codes");
    }

    @Test
    void shouldExitWithTheUsageCodeOnAnUnknownCommand() throws Exception {
        Result result = script(Map.of(), "frobnicate");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("frobnicate");
    }

    @Test
    void shouldDescribeTheTopicsOfTheServersInItsEnvironment() throws Exception {
        Result result = script(pipeline.environment(), "topics");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.row(pipeline.topic("events.raw"))).hasValueSatisfying(row -> assertThat(row.get(1)).isEqualTo("2"));
    }

    private static Result script(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(Path.of("target"), "admin-out", ".txt");
        Path err = Files.createTempFile(Path.of("target"), "admin-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./admin did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
