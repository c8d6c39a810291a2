package io.eventpipeline.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.JsonSerde;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real broker: one single-partition topic per test, so order is checkable. */
class InvalidationClientIT {

    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = TestServers.shared().kafkaBootstrapServers();
    }

    @Test
    void shouldEvictFromCaffeineWhenAnInvalidationArrives() throws Exception {
        KafkaSettings kafka = freshTopic();
        Cache<String, String> cache = Caffeine.newBuilder().build();
        cache.put("aggregate:p1/order/o-1", "v1");
        cache.put("memories:p1/u-1", "m");
        cache.put("aggregate:p1/order/o-2", "untouched");

        try (InvalidationClient client = InvalidationClient.start(kafka, "g-" + UUID.randomUUID(), StartPosition.EARLIEST,
                Evictors.caffeine(cache))) {
            send(kafka, "aggregate:p1/order/o-1", message("p1/order/o-1", 2, "aggregate:p1/order/o-1", "memories:p1/u-1"));

            await(() -> cache.getIfPresent("aggregate:p1/order/o-1") == null);
        }

        assertThat(cache.getIfPresent("memories:p1/u-1")).isNull();
        assertThat(cache.getIfPresent("aggregate:p1/order/o-2")).isEqualTo("untouched");
    }

    @Test
    void shouldResumeAfterTheCommittedPositionWhenStartedAgainInTheSameGroup() throws Exception {
        KafkaSettings kafka = freshTopic();
        String group = "g-" + UUID.randomUUID();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        send(kafka, "k1", message("a/1", 1, "k1"));
        send(kafka, "k2", message("a/2", 1, "k2"));

        try (InvalidationClient client = InvalidationClient.start(kafka, group, StartPosition.EARLIEST,
                i -> first.add(i.aggregate()))) {
            await(() -> first.size() == 2);
        }
        send(kafka, "k3", message("a/3", 1, "k3"));
        try (InvalidationClient client = InvalidationClient.start(kafka, group, StartPosition.EARLIEST,
                i -> second.add(i.aggregate()))) {
            await(() -> !second.isEmpty());
        }

        assertThat(first).containsExactly("a/1", "a/2");
        assertThat(second).containsExactly("a/3");
    }

    @Test
    void shouldRetryAndKeepTheOrderWhenTheHandlerFails() throws Exception {
        KafkaSettings kafka = freshTopic();
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        send(kafka, "k1", message("a/1", 1, "k1"));
        send(kafka, "k2", message("a/2", 1, "k2"));

        try (InvalidationClient client = InvalidationClient.start(kafka, "g-" + UUID.randomUUID(), StartPosition.EARLIEST,
                i -> {
                    if (i.aggregate().equals("a/1") && attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("cache unavailable");
                    }
                    handled.add(i.aggregate());
                }, Duration.ofMillis(20))) {
            await(() -> handled.size() == 2);
        }

        assertThat(attempts).hasValue(3);
        assertThat(handled).containsExactly("a/1", "a/2");
    }

    @Test
    void shouldStillEvictTheRecordKeyWhenTheValueIsUnreadable() throws Exception {
        KafkaSettings kafka = freshTopic();
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        sendBytes(kafka, "aggregate:p1/order/o-9", "not json".getBytes(StandardCharsets.UTF_8));

        try (InvalidationClient client = InvalidationClient.start(kafka, "g-" + UUID.randomUUID(), StartPosition.EARLIEST,
                seen::add)) {
            await(() -> !seen.isEmpty());
        }

        assertThat(seen.getFirst().keys()).containsExactly("aggregate:p1/order/o-9");
        assertThat(seen.getFirst().complete()).isFalse();
    }

    private static KafkaSettings freshTopic() throws Exception {
        KafkaSettings kafka = KafkaSettings.plaintext(bootstrap, "inv-" + UUID.randomUUID() + ".");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(kafka.topicName(Topics.CACHE_INVALIDATIONS.name()), 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return kafka;
    }

    private static CacheInvalidation message(String aggregate, long version, String... keys) {
        return new CacheInvalidation(List.of(keys), aggregate, version, Instant.now());
    }

    private static void send(KafkaSettings kafka, String key, CacheInvalidation value) throws Exception {
        sendBytes(kafka, key, JsonSerde.of(CacheInvalidation.class).serialize("t", value));
    }

    private static void sendBytes(KafkaSettings kafka, String key, byte[] value) throws Exception {
        Map<String, Object> config = kafka.clientProperties();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(kafka.topicName(Topics.CACHE_INVALIDATIONS.name()), key, value))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
