package io.eventpipeline.projection.consume;

import io.eventpipeline.schemas.RejectionReason;
import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingBatchTest {

    private static final String TOPIC = "events.log";

    @Test
    void shouldCoverEveryOffsetReadWhenSomeRecordsAreUnreadable() {
        PendingBatch pending = new PendingBatch(100, Duration.ofSeconds(1));
        pending.add(record(0, 10, envelope()), 0);
        pending.add(new ConsumerRecord<>(TOPIC, 0, 11, "k", "{oops".getBytes(StandardCharsets.UTF_8)), 0);
        pending.add(record(0, 13, envelope()), 0);
        pending.add(record(1, 5, envelope()), 0);

        Batch batch = pending.toBatch(TOPIC);

        assertThat(batch.events()).hasSize(3);
        assertThat(batch.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.UNREADABLE_EVENT);
            assertThat(r.offset()).isEqualTo(11);
            assertThat(new String(r.originalBytes(), StandardCharsets.UTF_8)).isEqualTo("{oops");
        });
        assertThat(batch.ranges()).containsEntry(0, new Batch.OffsetRange(10, 14)).containsEntry(1, new Batch.OffsetRange(5, 6));
    }

    @Test
    void shouldBeReadyWhenFullOrWhenTheOldestRecordWaitedLongEnough() {
        PendingBatch bySize = new PendingBatch(2, Duration.ofHours(1));
        bySize.add(record(0, 0, envelope()), 0);
        assertThat(bySize.isReady(0)).isFalse();
        bySize.add(record(0, 1, envelope()), 0);
        assertThat(bySize.isReady(0)).isTrue();

        PendingBatch byTime = new PendingBatch(100, Duration.ofMillis(50));
        byTime.add(record(0, 0, envelope()), 1_000_000_000L);
        assertThat(byTime.isReady(1_000_000_000L + 49_000_000L)).isFalse();
        assertThat(byTime.isReady(1_000_000_000L + 50_000_000L)).isTrue();
    }

    @Test
    void shouldForgetRevokedPartitionsWhenTheyAreRemoved() {
        PendingBatch pending = new PendingBatch(100, Duration.ofSeconds(1));
        pending.add(record(0, 0, envelope()), 0);
        pending.add(record(1, 0, envelope()), 0);

        pending.remove(List.of(new TopicPartition(TOPIC, 0)));

        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.toBatch(TOPIC).ranges()).containsOnlyKeys(1);
    }

    private static EventEnvelope envelope() {
        return event("order", "o-1", "order.placed", 1, Instant.parse("2026-11-01T00:00:00Z"), "{}");
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, EventEnvelope e) {
        return new ConsumerRecord<>(TOPIC, partition, offset, e.key(),
                Topics.EVENTS_LOG.valueSerde().serializer().serialize(TOPIC, e));
    }
}
