package io.eventpipeline.bench.faults;

import io.eventpipeline.servers.EmbeddedKafka;
import io.eventpipeline.servers.PostgresServer;
import io.eventpipeline.servers.RedisProcess;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one server in its own JVM for the fault matrix, so the harness can kill it without killing
 * itself: {@code broker|postgres|redis <dataDir> <port>}. The broker runs inside this JVM; PostgreSQL
 * and Redis are processes this JVM starts (their data survives a restart on the same directory).
 * Prints {@value #READY} once the server accepts connections; SIGTERM stops it cleanly.
 */
public final class ServerMain {

    static final String READY = "SERVER READY";

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ServerMain broker|postgres|redis <dataDir> <port>");
        }
        Path dataDir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        AutoCloseable server = switch (args[0]) {
            case "broker" -> EmbeddedKafka.start(dataDir, port);
            case "postgres" -> PostgresServer.start(dataDir, port);
            case "redis" -> RedisProcess.start(dataDir, port);
            default -> throw new IllegalArgumentException("unknown server " + args[0]);
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "server-shutdown"));
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
