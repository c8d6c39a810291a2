package io.eventpipeline.local;

import io.eventpipeline.servers.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run}: starts Kafka, PostgreSQL and Redis (unless {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code DATABASE_URL}, {@code REDIS_URL} point elsewhere), then the three services, and prints how to
 * use them. Data lives under {@code PIPELINE_DATA_DIR} so a restart keeps it; SIGTERM (Ctrl-C) stops
 * everything this process started.
 */
public final class LocalPipelineMain {

    private LocalPipelineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalSettings settings;
        Infrastructure servers;
        try {
            settings = LocalSettings.fromEnvironment(System::getenv);
            servers = Infrastructure.start(LocalPipelineMain::variable, new Infrastructure.Settings(settings.dataDir(),
                    settings.kafkaPort(), settings.postgresPort(), settings.redisPort(), true));
        } catch (RuntimeException e) {
            report("could not start the servers", e);
            System.exit(1);
            return;
        }
        String apiKey;
        LocalPipeline pipeline;
        try {
            apiKey = settings.apiKey() != null ? settings.apiKey() : loadOrCreateKey(settings.dataDir());
            pipeline = LocalPipeline.start(servers.environment(), new LocalPipeline.Options(settings.httpPort(),
                    settings.processorPort(), settings.writerPort(), settings.readPort(), settings.readManagementPort(), "",
                    settings.dataDir().resolve("streams"), apiKey, settings.producerId(),
                    Map.of(LocalPipeline.INGEST_MANAGEMENT_PORT, String.valueOf(settings.ingestManagementPort()))));
        } catch (RuntimeException e) {
            servers.close();
            report("could not start the services", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            servers.close();
            stopped.countDown();
        }, "pipeline-shutdown"));
        System.out.println(Banner.text(servers, pipeline, settings, apiKey));
        stopped.await();
    }

    /** The environment, with ./run's fixed PgBouncer port (16432) when USE_PGBOUNCER=true puts one in front. */
    private static String variable(String name) {
        String value = System.getenv(name);
        return "PGBOUNCER_PORT".equals(name) && (value == null || value.isBlank()) ? "16432" : value;
    }

    /** Said before exiting explicitly: non-daemon threads of a half-started broker would keep the JVM alive. */
    private static void report(String what, RuntimeException e) {
        System.err.println(what + ": " + e.getMessage());
        e.printStackTrace();
    }

    /** A generated key is kept (owner-only) in the data dir, so a restart prints the same working key. */
    private static String loadOrCreateKey(Path dataDir) {
        Path file = dataDir.resolve("producer-api-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = "ep_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = dataDir.resolve("producer-api-key." + UUID.randomUUID());
            Files.writeString(tmp, key);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the producer API key in " + file, e);
        }
    }
}
