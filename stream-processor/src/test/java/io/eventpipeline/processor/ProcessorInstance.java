package io.eventpipeline.processor;

import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One processor instance without Spring, as tests run it: in this JVM, or as its own process
 * ({@link #main}) so a test can kill it with SIGKILL, the way a crashed pod dies.
 */
public final class ProcessorInstance {

    private ProcessorInstance() {
    }

    public static ProcessorClient create(ProcessorConfig config, ProcessorMetrics metrics) {
        return new ProcessorClient(config, metrics, fastFailover());
    }

    /** A killed member must leave the group soon, so the survivor takes its partitions within the test. */
    public static Properties fastFailover() {
        Properties props = new Properties();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return props;
    }

    /**
     * Args: bootstrap servers, topic prefix, application id, state dir, Bloom filter on ({@code true}/{@code false}),
     * optionally standby replicas and shard count.
     * Prints {@code STATE <state>} lines.
     */
    public static void main(String[] args) throws InterruptedException {
        ProcessorConfig config = ProcessorConfig.defaults(args[0], args[1], Path.of(args[3])).withApplicationId(args[2])
                .withBloom(BloomSettings.DEFAULTS.withEnabled(Boolean.parseBoolean(args[4])));
        if (args.length > 6) {
            config = config.withStandbyReplicas(Integer.parseInt(args[5])).withShards(Integer.parseInt(args[6]));
        }
        ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        // with a standby count given, the instance runs with the service's own group settings (ScalingIT)
        ProcessorClient client = args.length > 6 ? new ProcessorClient(config, metrics) : create(config, metrics);
        client.streams().setStateListener((now, before) -> {
            System.out.println("STATE " + now);
            System.out.flush();
        });
        client.start();
        new CountDownLatch(1).await();
    }
}
