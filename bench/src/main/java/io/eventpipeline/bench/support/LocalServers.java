package io.eventpipeline.bench.support;

import io.eventpipeline.servers.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Servers for a harness run on its own ({@code main}): Kafka, PostgreSQL and Redis from
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code DATABASE_URL}, {@code REDIS_URL} when set, else started here in a
 * temporary directory and stopped when the JVM exits.
 */
public final class LocalServers {

    private LocalServers() {
    }

    public static Infrastructure start() {
        try {
            Path dir = Files.createTempDirectory("bench-servers-");
            Infrastructure servers = Infrastructure.start(System::getenv, new Infrastructure.Settings(dir, 0, 0, 0, false));
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "bench-servers-shutdown"));
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
