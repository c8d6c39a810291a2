package io.eventpipeline.testsupport;

import io.eventpipeline.servers.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers shared by every test class of one test JVM: started on first use, on free ports, with
 * data in a temporary directory that is deleted at exit. Set {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code DATABASE_URL} or {@code REDIS_URL} to run the same tests against external servers.
 * Each test class still isolates itself: its own database ({@link Infrastructure#freshDatabase}),
 * topics and consumer group ids.
 *
 * <p>{@code USE_PGBOUNCER=true} (variable or system property) puts a PgBouncer in transaction mode in front
 * of the embedded PostgreSQL: {@code databaseUrl()}, {@code freshDatabase()} and {@code environment()}
 * then hand out URLs through it, so the same tests prove the code works behind it.
 *
 * <p>{@code TEST_KAFKA=testcontainers} takes Kafka from Testcontainers where a Docker engine exists;
 * without one that switch falls back to the in-JVM broker.
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);
    private static Infrastructure shared;

    private TestServers() {
    }

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            Path dataDir = tempDir();
            long started = System.nanoTime();
            shared = Infrastructure.start(environment(), new Infrastructure.Settings(dataDir, 0, 0, 0, false));
            log.info("test servers ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                    shared.environment().keySet());
            Infrastructure servers = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                servers.close();
                deleteRecursively(dataDir);
            }, "test-servers-shutdown"));
        }
        return shared;
    }

    private static Function<String, String> environment() {
        boolean wantsContainer = "testcontainers".equals(System.getenv("TEST_KAFKA"))
                && System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null;
        Optional<String> container = wantsContainer ? ContainerKafka.startIfDockerAvailable() : Optional.empty();
        return name -> "KAFKA_BOOTSTRAP_SERVERS".equals(name) && container.isPresent() ? container.get() : variable(name);
    }

    /** A system property of the variable's name (as failsafe sets {@code USE_PGBOUNCER}) wins over the environment. */
    private static String variable(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }

    private static Path tempDir() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target) ? Files.createTempDirectory(target, "servers-")
                    : Files.createTempDirectory("pipeline-servers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }
}
