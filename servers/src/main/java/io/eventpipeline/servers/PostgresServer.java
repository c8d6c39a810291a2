package io.eventpipeline.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server process (zonky's binaries from Maven Central, PostgreSQL 17), started on a
 * port of our choosing. Works as root: the library runs initdb and pg_ctl in a user namespace.
 *
 * <p>Durable by default ({@code fsync} and {@code synchronous_commit} on), unlike the library's
 * defaults, because what the pipeline promises is durability. The data directory is kept, so a
 * restart on the same {@code dataDir} keeps every row.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param port the port, or 0 for any free one
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(FreePorts.orFree(port))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            PostgresServer server = new PostgresServer(postgres);
            log.info("PostgreSQL ready at {} with data in {}", server.jdbcUrl("postgres"), dataDir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop PostgreSQL", e);
            }
        }
    }
}
