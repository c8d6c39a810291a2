package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import io.eventpipeline.schemas.Json;

/**
 * How long the pipeline did not deliver: every {@code interval} a canary event goes to an aggregate of its
 * own, and a consumer of {@code cache.invalidations} notes when each canary became visible (the writer
 * publishes an invalidation only after the commit). Recovery after a fault is the time from the fault
 * until the first canary sent after it became visible.
 */
final class Canaries implements AutoCloseable {

    private static final String PREFIX = "canary-";

    private final SteadyLoad load;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, Long> visibleMillis = new ConcurrentHashMap<>();
    private final Thread sender;
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile boolean sending = true;

    Canaries(SteadyLoad load, String bootstrapServers, Duration interval) {
        this.load = load;
        this.watcher = Thread.ofPlatform().name("canary-watcher").daemon().start(() -> watch(bootstrapServers));
        this.sender = Thread.ofPlatform().name("canary-sender").daemon().start(() -> send(interval));
    }

    /**
     * Waits until a canary sent at or after {@code faultMillis} is visible.
     *
     * @return milliseconds from the fault to that visibility, or empty after {@code timeout}
     */
    OptionalLong awaitRecovery(long faultMillis, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            OptionalLong recovered = recoveryAfter(faultMillis);
            if (recovered.isPresent()) {
                return recovered;
            }
            Thread.sleep(100);
        }
        return OptionalLong.empty();
    }

    /** Milliseconds from {@code faultMillis} until the first canary sent after it was visible. */
    OptionalLong recoveryAfter(long faultMillis) {
        return canaries().stream().filter(c -> c.firstSentMillis >= faultMillis)
                .map(c -> visibleMillis.get(c.aggregates.getFirst()))
                .filter(v -> v != null).mapToLong(v -> v - faultMillis).min();
    }

    /** Accept-to-visible of a canary in milliseconds, or empty while (or if never) visible. */
    OptionalLong delayOf(LoadRequest canary) {
        Long visible = visibleMillis.get(canary.aggregates.getFirst());
        return visible == null ? OptionalLong.empty() : OptionalLong.of(visible - canary.firstSentMillis);
    }

    List<LoadRequest> canaries() {
        return load.requests().stream().filter(r -> r.kind == LoadRequest.Kind.CANARY).toList();
    }

    private void send(Duration interval) {
        long n = 0;
        while (sending) {
            String aggregate = PREFIX + runId + "-" + n++;
            try {
                load.sendNow(LoadRequest.Kind.CANARY, false, SteadyLoad.event(aggregate, ""), List.of(aggregate));
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException | RejectedExecutionException e) {
                return; // closing, or the load stopped first
            }
        }
    }

    private void watch(String bootstrapServers) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            String topic = Topics.CACHE_INVALIDATIONS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    note(record.value());
                }
            }
        }
    }

    private void note(String invalidation) {
        JsonNode tree = Json.MAPPER.readTree(invalidation);
        String aggregate = tree.path("aggregate").asString("");
        String id = aggregate.substring(aggregate.lastIndexOf('/') + 1);
        if (id.startsWith(PREFIX)) {
            visibleMillis.putIfAbsent(id, System.currentTimeMillis());
        }
    }

    /** Stops sending canaries; the watcher goes on, so canaries still in the pipeline are seen arriving. */
    void stopSending() throws InterruptedException {
        sending = false;
        sender.interrupt();
        sender.join();
    }

    @Override
    public void close() throws InterruptedException {
        stopSending();
        running = false;
        watcher.join(5000);
    }
}
