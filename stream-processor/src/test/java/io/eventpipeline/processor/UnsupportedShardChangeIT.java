package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.health.Verdict;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** A changed shard count is found at start and refused loudly, before Kafka Streams would fail at a rebalance. */
class UnsupportedShardChangeIT {

    private static final String PREFIX = "shards-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Test
    void shouldRefuseToProcessAndSayWhatToDoWhenTheShardCountChanged() throws Exception {
        String bootstrap = TestServers.shared().kafkaBootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, PREFIX, 2, (short) 1);
        ProcessorConfig config = ProcessorConfig.defaults(bootstrap, PREFIX,
                Files.createTempDirectory(Path.of("target"), "shards-it")).withShards(4);
        try (ProcessorClient first = ProcessorInstance.create(config, new ProcessorMetrics(new SimpleMeterRegistry()))) {
            first.start();
            Await.until(Duration.ofSeconds(90), "running", () -> first.streams().state() == KafkaStreams.State.RUNNING);
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StreamsRunner runner = new StreamsRunner(config.withShards(6), new ProcessorMetrics(registry), new Properties());

        runner.start();

        try {
            Verdict readiness = runner.readiness();
            assertThat(readiness.up()).isFalse();
            assertThat(readiness.details().get("unsupportedChange").toString())
                    .contains("PROCESSOR_SHARDS=6").contains(PREFIX + "event-pipeline-processor-shards-repartition has 4")
                    .contains("set PROCESSOR_SHARDS=4 again");
            assertThat(runner.liveness().up()).isTrue();
            assertThat(runner.client().streams().state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(registry.get("processor.unsupported.change").gauge().value()).isEqualTo(1.0);
        } finally {
            runner.stop();
        }
    }
}
