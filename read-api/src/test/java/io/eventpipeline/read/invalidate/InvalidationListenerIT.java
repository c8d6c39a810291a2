package io.eventpipeline.read.invalidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.cache.CacheView;
import io.eventpipeline.read.cache.RedisL2;
import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The listener against a real broker: it evicts, it sees partitions added after it started. */
class InvalidationListenerIT {

    record Value(String text) {
    }

    private static final CacheView<Value> VIEW = new CacheView<>("test", Value.class);

    private final Infrastructure servers = TestServers.shared();
    private final String prefix = "listener-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Test
    void shouldEvictKeysPublishedOnAPartitionAddedAfterItStarted() throws Exception {
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 1, (short) 1);
        Topic<String, CacheInvalidation> topic = Topics.CACHE_INVALIDATIONS.prefixed(prefix);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor();
                RedisL2 l2 = new RedisL2(servers.redisUrl(), Duration.ofMillis(500), prefix, Duration.ofMinutes(1), registry)) {
            TieredCache cache = new TieredCache(100, Duration.ofMinutes(1), l2, loaders, registry);
            try (InvalidationListener listener = new InvalidationListener(
                    Map.of("bootstrap.servers", servers.kafkaBootstrapServers()), topic, cache, registry,
                    Duration.ofMillis(200))) {
                evictsOnANewPartition(listener, cache, topic, registry);
            }
        }
    }

    private void evictsOnANewPartition(InvalidationListener listener, TieredCache cache, Topic<String, CacheInvalidation> topic,
            SimpleMeterRegistry registry) throws Exception {
        {
            listener.start(Duration.ofSeconds(30));
            cache.get("aggregate:t/first", "f", VIEW, () -> Optional.of(new Value("v"))).get(10, TimeUnit.SECONDS);
            cache.get("aggregate:t/second", "f", VIEW, () -> Optional.of(new Value("v"))).get(10, TimeUnit.SECONDS);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
                admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, CacheInvalidation> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()),
                    topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), 0, "aggregate:t/first",
                        new CacheInvalidation(List.of("aggregate:t/first"), "t/first", 2, Instant.now()))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic.name(), 1, "aggregate:t/second",
                        new CacheInvalidation(List.of("aggregate:t/second"), "t/second", 2, Instant.now()))).get(30, TimeUnit.SECONDS);
            }

            ReadFixture.await("both keys evicted", Duration.ofSeconds(30),
                    () -> cache.peekL1("aggregate:t/first", "f").isEmpty() && cache.peekL1("aggregate:t/second", "f").isEmpty());
            assertThat(listener.isRunning()).isTrue();
            assertThat(registry.get("read.cache.invalidations").counter().count()).isEqualTo(2);
        }
    }
}
