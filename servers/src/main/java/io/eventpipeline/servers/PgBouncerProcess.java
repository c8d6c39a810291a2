package io.eventpipeline.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PgBouncer process (Debian's {@code pgbouncer} package; {@code PGBOUNCER_BIN} names another
 * binary) in transaction mode in front of a PostgreSQL server, with the playbook's pool settings
 * ({@link PgBouncerConfig}). Every database of that server is reachable through it under its own name.
 *
 * <p>Clients need {@code prepareThreshold=0} in their JDBC URL: PgBouncer before 1.21 cannot keep a
 * named prepared statement across transactions ({@link #jdbcUrl(String)} adds it).
 */
public final class PgBouncerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgBouncerProcess.class);
    private static final List<String> DEFAULT_BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PgBouncerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * @param dir  where the ini, the user list and the log go
     * @param port the port, or 0 for any free one
     * @param user the PostgreSQL user clients log in as (trusted here, as the embedded server trusts it)
     */
    public static PgBouncerProcess start(Path dir, int port, String postgresHost, int postgresPort, String user) {
        int chosen = FreePorts.orFree(port);
        try {
            Files.createDirectories(dir);
            Path users = Files.writeString(dir.resolve("userlist.txt"), "\"" + user + "\" \"\"\n");
            Path ini = Files.writeString(dir.resolve("pgbouncer.ini"),
                    PgBouncerConfig.ini(postgresHost, postgresPort, chosen, user, users.toAbsolutePath().toString()));
            readableByAll(dir, users, ini);
            Path logFile = dir.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(command(ini)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            PgBouncerProcess bouncer = new PgBouncerProcess(process, chosen, logFile);
            bouncer.awaitReady(user);
            log.info("PgBouncer (transaction mode) ready at 127.0.0.1:{} in front of {}:{}", chosen, postgresHost, postgresPort);
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer in " + dir, e);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} through PgBouncer, with {@code prepareThreshold=0}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?prepareThreshold=0";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static List<String> command(Path ini) {
        List<String> command = new ArrayList<>();
        command.add(binary());
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer refuses to run as root; it drops to this user after reading its files.
            command.add("--user=nobody");
        }
        command.add(ini.toAbsolutePath().toString());
        return command;
    }

    private static String binary() {
        String configured = System.getenv("PGBOUNCER_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return DEFAULT_BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst()
                .orElseThrow(() -> new IllegalStateException("pgbouncer not found in " + DEFAULT_BINARIES
                        + ": install it (apt-get install pgbouncer) or set PGBOUNCER_BIN"));
    }

    private void awaitReady(String user) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, "")) {
                c.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                sleep();
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not accept connections within " + START_TIMEOUT + ":\n" + logTail(), last);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage().toLowerCase(Locale.ROOT) + ")";
        }
    }

    private static void readableByAll(Path... paths) {
        for (Path p : paths) {
            p.toFile().setReadable(true, false);
            if (Files.isDirectory(p)) {
                p.toFile().setExecutable(true, false);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PgBouncer", e);
        }
    }
}
