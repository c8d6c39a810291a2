package io.eventpipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The Testcontainers path: runs where a Docker engine exists, is skipped (not failed) elsewhere. */
class ContainerKafkaIT {

    @Test
    void shouldServeABrokerFromAContainerWhenDockerIsAvailable() throws Exception {
        assumeTrue(ContainerKafka.dockerAvailable(), "no Docker engine here: the Testcontainers path is skipped");

        String bootstrap = ContainerKafka.startIfDockerAvailable().orElseThrow();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void shouldReportNoContainerWhenDockerIsMissing() {
        assumeTrue(!ContainerKafka.dockerAvailable(), "Docker is available here");

        assertThat(ContainerKafka.startIfDockerAvailable()).isEmpty();
    }
}
