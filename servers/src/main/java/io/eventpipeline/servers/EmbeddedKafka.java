package io.eventpipeline.servers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>Its log directory is formatted once and reused, so a restart on the same {@code dataDir} keeps
 * every topic and committed offset. Internal topics (offsets, transaction state) use replication
 * factor 1, without which consumer groups and transactions never form on one broker.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String saslBootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String saslBootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
    }

    /**
     * Formats {@code dataDir} if needed and starts the broker.
     *
     * @param port the client port, or 0 for any free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Like {@link #start(Path, int)}, plus a {@code SASL_PLAINTEXT} listener on another free port that
     * accepts the PLAIN mechanism for {@code users} (name to password), as a secured cluster would.
     */
    public static EmbeddedKafka startWithSasl(Path dataDir, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one user");
        }
        return start(dataDir, 0, users);
    }

    private static EmbeddedKafka start(Path dataDir, int port, Map<String, String> saslUsers) {
        int brokerPort = FreePorts.orFree(port);
        int controllerPort = FreePorts.orFree(0);
        int saslPort = saslUsers.isEmpty() ? 0 : FreePorts.orFree(0);
        Properties props = serverProperties(dataDir, brokerPort, controllerPort);
        if (!saslUsers.isEmpty()) {
            SaslListener.addTo(props, saslPort, saslUsers);
        }
        format(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        log.info("Kafka broker (KRaft) ready at {} with data in {}", bootstrap, dataDir);
        return new EmbeddedKafka(server, bootstrap, saslUsers.isEmpty() ? null : "127.0.0.1:" + saslPort);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL_PLAINTEXT listener of {@link #startWithSasl}; empty for a plaintext-only broker. */
    public Optional<String> saslBootstrapServers() {
        return Optional.ofNullable(saslBootstrapServers);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static Properties serverProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    /** Writes meta.properties unless the directory is already formatted (a restart keeps its data). */
    private static void format(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by EmbeddedKafka");
            }
            String clusterId = clusterId(dataDir);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                    "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data dir " + dataDir, e);
        }
    }

    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }
}
