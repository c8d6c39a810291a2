package io.eventpipeline.ingest.publish;

import io.eventpipeline.schemas.config.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the ingest-api's Kafka side ({@code kafka} in the readiness group): DOWN while the last
 * acknowledgement failed and a probe (every partition of {@code events.raw} has a leader, asked of the
 * broker within 2 s) does not succeed, or while the probe fails. A 202 needs an acknowledgement, so an
 * instance that cannot get one must not receive traffic. Probes are cached for a second; the gauge
 * {@code ingest.kafka.ready} (1/0) shows the last verdict.
 */
public final class KafkaReadiness implements HealthIndicator, AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Admin admin;
    private final String topic;
    private volatile boolean lastAckFailed;
    private volatile Health lastVerdict = Health.unknown().build();
    private volatile long probedAt = Long.MIN_VALUE;

    public KafkaReadiness(KafkaSettings kafka, String topic, MeterRegistry meters) {
        Map<String, Object> config = kafka.clientProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-api-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        this.admin = Admin.create(config);
        this.topic = topic;
        Gauge.builder("ingest.kafka.ready", this, r -> "UP".equals(r.lastVerdict.getStatus().getCode()) ? 1 : 0)
                .description("1 while Kafka acknowledges (readiness UP), 0 otherwise").register(meters);
    }

    void acknowledged() {
        lastAckFailed = false;
    }

    void notAcknowledged() {
        lastAckFailed = true;
        probedAt = Long.MIN_VALUE;
    }

    @Override
    public Health health() {
        if (System.nanoTime() - probedAt > PROBE_CACHE_NANOS || lastAckFailed) {
            lastVerdict = probe();
            probedAt = System.nanoTime();
        }
        return lastVerdict;
    }

    private Health probe() {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            long leaderless = description.partitions().stream().filter(p -> p.leader() == null || p.leader().isEmpty()).count();
            if (leaderless > 0) {
                return Health.down().withDetail("topic", topic).withDetail("partitionsWithoutLeader", leaderless).build();
            }
            lastAckFailed = false;
            return Health.up().withDetail("topic", topic).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("topic", topic).withDetail("error", "interrupted").build();
        } catch (Exception e) {
            return Health.down().withDetail("topic", topic).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
