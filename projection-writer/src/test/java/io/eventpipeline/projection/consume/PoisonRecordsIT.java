package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The writer's production exception handler: a rejection too large for the size budget, or refused by
 * the topic as too large, is written in the truncated form (reason, key, source, SHA-256 and size of the
 * original); the partition keeps moving and nothing is skipped without a record and a metric.
 */
class PoisonRecordsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldWriteTruncatedRejectionsWhenTheFullOnesCannotBeSent() throws Exception {
        try (WriterFixture fx = new WriterFixture("poison_records_it");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        fx.servers.kafkaBootstrapServers()));
                WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                        AfterCommitHook.NONE)) {
            fx.sendRaw("order/o-huge", "x".repeat(900_000).getBytes(StandardCharsets.UTF_8));
            fx.sendAll(List.of(event("order", "o-after-huge", "order.placed", 1, Instant.now(), "{}")));
            WriterFixture.await("the event after the huge record stored", WAIT,
                    () -> fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'o-after-huge'") == 1);

            shrinkRejectedTopic(admin, Topics.EVENTS_REJECTED.prefixed(fx.prefix).name(), 20_000);
            byte[] incompressible = new byte[30_000]; // lz4 must not shrink the rejection below the topic's limit
            new Random(7).nextBytes(incompressible);
            fx.sendRaw("order/o-medium", incompressible);
            fx.sendAll(List.of(event("order", "o-after-medium", "order.placed", 1, Instant.now(), "{}")));
            WriterFixture.await("the event after the medium record stored", WAIT,
                    () -> fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'o-after-medium'") == 1);

            List<ConsumerRecord<String, RejectedEvent>> rejected = fx.rejectedUntil(r -> r.size() >= 2);
            assertThat(rejected).hasSize(2).allSatisfy(r -> {
                assertThat(r.value().truncated()).isTrue();
                assertThat(r.value().reason().wireName()).isEqualTo("unreadable_event");
                assertThat(r.value().originalBytes()).isNull();
                assertThat(r.value().originalSha256()).hasSize(64);
                assertThat(new String(r.headers().lastHeader(Topics.REASON_HEADER).value(), StandardCharsets.UTF_8))
                        .isEqualTo("unreadable_event");
            });
            assertThat(rejected).extracting(r -> r.value().originalSize()).containsExactlyInAnyOrder(900_000, 30_000);
            assertThat(rejected).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("order/o-huge", "order/o-medium");
            assertThat(fx.registry.get("writer.rejections.truncated").counter().count()).isEqualTo(2.0);
            assertThat(fx.registry.get("writer.events.rejected").tag("reason", "unreadable_event").counter().count())
                    .isEqualTo(2.0);
        }
    }

    private static void shrinkRejectedTopic(Admin admin, String topic, int maxMessageBytes) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)),
                AlterConfigOp.OpType.SET)))).all().get();
    }
}
