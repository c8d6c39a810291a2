package io.eventpipeline.testsupport;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka from Testcontainers' Kafka module, for machines with a Docker engine ({@code TEST_KAFKA=testcontainers}).
 * Without Docker it starts nothing and says so, and the in-JVM broker is used instead.
 */
final class ContainerKafka {

    static final String IMAGE = "apache/kafka:4.1.2";
    private static final Logger log = LoggerFactory.getLogger(ContainerKafka.class);

    private ContainerKafka() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The bootstrap servers of a started container, or empty when there is no Docker engine. */
    static Optional<String> startIfDockerAvailable() {
        if (!dockerAvailable()) {
            log.info("TEST_KAFKA=testcontainers but no Docker engine is reachable: using the in-JVM broker");
            return Optional.empty();
        }
        KafkaContainer kafka = new KafkaContainer(IMAGE);
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-stop"));
        return Optional.of(kafka.getBootstrapServers());
    }
}
