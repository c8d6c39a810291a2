package io.eventpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Kafka Connect standalone worker running the Debezium JDBC sink: its own JVM, with the worker classpath and
 * the connector plugin that {@code ./mvnw -f bench/debezium/pom.xml package} resolved (Kafka Connect 4.3.1; the
 * connector from Debezium's plugin archive, loaded through {@code plugin.path}).
 */
final class ConnectWorker {

    private ConnectWorker() {
    }

    /** True when the worker classpath and plugin were resolved (they need Maven Central once). */
    static boolean available(Path repo) {
        return Files.exists(classpathFile(repo)) && Files.isDirectory(repo.resolve("bench/debezium/target/plugins"));
    }

    static List<String> arguments(WriterPeers.Setup s, String database, String mode, boolean unnest,
            List<String> primaryKey, String name) throws Exception {
        Path dir = s.work().resolve(name);
        Path worker = WriterPeers.write(dir.resolve("worker.properties"), String.join("\n",
                "bootstrap.servers=" + s.servers().kafkaBootstrapServers(),
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=true",
                "offset.storage.file.filename=" + dir.resolve("offsets"),
                "plugin.path=" + s.repo().resolve("bench/debezium/target/plugins"),
                "listeners=http://127.0.0.1:" + BenchMain.freePort(),
                "consumer.max.poll.records=" + WriterPeers.BATCH,
                "consumer.auto.offset.reset=earliest", ""));
        Path connector = WriterPeers.write(dir.resolve("sink.properties"), String.join("\n",
                "name=" + name,
                "connector.class=io.debezium.connector.jdbc.JdbcSinkConnector",
                "tasks.max=1",
                "topics=" + s.prefix() + WriterInput.CONNECT_TOPIC,
                "connection.url=" + database,
                "connection.username=" + s.servers().databaseUser(),
                "connection.password=" + s.servers().databasePassword(),
                "insert.mode=" + mode,
                "primary.key.mode=record_value",
                "primary.key.fields=" + String.join(",", primaryKey),
                "schema.evolution=none",
                "table.name.format=events",
                "batch.size=" + WriterPeers.BATCH,
                "use.time.zone=UTC",
                "dialect.postgres.unnest.insert.enabled=" + unnest, ""));
        String classpath = Files.readString(classpathFile(s.repo())).strip();
        return List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), connector.toString());
    }

    private static Path classpathFile(Path repo) {
        return repo.resolve("bench/debezium/target/classpath.txt");
    }
}
