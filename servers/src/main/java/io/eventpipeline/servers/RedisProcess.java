package io.eventpipeline.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server 7 process (bundled in {@code org.signal:embedded-redis} from Maven Central).
 * With a data directory it keeps an append-only file there, so a restart keeps stored idempotency
 * results; without one it keeps nothing on disk.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisProcess.class);

    private final RedisServer server;
    private final int port;
    private final String password;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private RedisProcess(RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /**
     * @param dataDir where to keep the append-only file, or {@code null} for an in-memory server
     * @param port    the port, or 0 for any free one
     */
    public static RedisProcess start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /**
     * Like {@link #start(Path, int)}, with AUTH required ({@code requirepass}) when {@code password} is
     * not null; {@link #url()} then carries it ({@code redis://:password@127.0.0.1:port}).
     */
    public static RedisProcess start(Path dataDir, int port, String password) {
        int chosen = FreePorts.orFree(port);
        var builder = RedisServer.builder().port(chosen).bind("127.0.0.1").setting("save \"\"");
        if (password != null) {
            builder.setting("requirepass " + password);
        }
        if (dataDir == null) {
            builder.setting("appendonly no");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Redis data dir " + dataDir, e);
            }
            builder.setting("appendonly yes").setting("dir " + dataDir.toAbsolutePath());
        }
        RedisServer server = builder.build();
        server.start();
        RedisProcess redis = new RedisProcess(server, chosen, password);
        log.info("Redis ready at 127.0.0.1:{}{}", chosen, password == null ? "" : " (AUTH required)");
        return redis;
    }

    /** The URL clients use; it holds the password when AUTH is required, so never log it. */
    public String url() {
        return password == null ? "redis://127.0.0.1:" + port : "redis://:" + password + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the process; tests use this to simulate a Redis outage. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.stop();
        }
    }

    /** Starts the process again on the same port after {@link #stop()}. */
    public void restart() {
        if (stopped.compareAndSet(true, false)) {
            server.start();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
