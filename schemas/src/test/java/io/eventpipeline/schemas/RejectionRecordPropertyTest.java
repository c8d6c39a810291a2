package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Whatever is rejected, however large or odd its key, detail, event, original bytes or headers, the record
 * the code writes to events.rejected fits the topic: the producer's own size estimate stays within
 * {@code max.request.size} (= the topic's {@code max.message.bytes}), and the value reads back.
 */
class RejectionRecordPropertyTest {

    @Property(tries = 60)
    void shouldAlwaysFitTheTopicWhateverIsRejected(
            @ForAll RejectionReason reason,
            @ForAll @IntRange(min = 1024, max = 1_572_864) int eventMaxBytes,
            @ForAll @StringLength(max = 3000) String detail,
            @ForAll @IntRange(min = 0, max = 6000) int keyChars,
            @ForAll @IntRange(min = 0, max = 1_600_000) int payloadBytes,
            @ForAll @IntRange(min = 0, max = 1_600_000) int originalBytes,
            @ForAll @IntRange(min = 0, max = 40_000) int headerBytes,
            @ForAll boolean readable,
            @ForAll long seed) {
        Random random = new Random(seed);
        SizeBudget budget = new SizeBudget(eventMaxBytes);
        String key = text(random, keyChars);
        EventEnvelope envelope = readable ? envelope(random, payloadBytes) : null;
        byte[] original = bytes(random, originalBytes);
        RejectedEvent rejected = RejectedEvent.of(reason, detail, new RejectedEvent.Source(key, "events.raw", 3, 42L),
                envelope, original, Instant.EPOCH);

        RejectionRecord record = RejectionRecord.of(rejected, headers(random, headerBytes), budget);

        byte[] keyBytes = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                keyBytes, record.value(), record.headers().toArray());
        assertThat(size).isLessThanOrEqualTo(budget.recordMaxBytes());
        RejectedEvent read = Topics.EVENTS_REJECTED.valueSerde().deserializer().deserialize("t", record.value());
        assertThat(read).isEqualTo(record.event());
        assertThat(read.reason()).isEqualTo(reason);
        assertThat(read.originalSize()).isEqualTo(originalBytes);
        assertThat(read.originalSha256()).isEqualTo(RejectedEvent.sha256(original));
        assertThat(read.offset()).isEqualTo(42L);
        assertThat(record.headers().lastHeader(Topics.REASON_HEADER).value())
                .isEqualTo(reason.wireName().getBytes(StandardCharsets.UTF_8));
        if (read.truncated()) {
            assertThat(record.value().length).isLessThanOrEqualTo(SizeBudget.TRUNCATED_REJECTION_MAX_BYTES);
            assertThat(read.envelope()).isNull();
            assertThat(read.originalBytes()).isNull();
        } else {
            assertThat(read.envelope()).isEqualTo(envelope);
        }
    }

    @Property(tries = 20)
    void shouldKeepTheTraceContextWhenTheOtherHeadersMustGo(@ForAll @IntRange(min = 17_000, max = 60_000) int bulk) {
        RecordHeaders source = new RecordHeaders();
        source.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        source.add("bulk", new byte[bulk]);
        source.add(Topics.REASON_HEADER, "forged".getBytes(StandardCharsets.UTF_8));

        Headers out = RejectionRecord.headers(source, RejectionReason.TOO_LARGE);

        assertThat(out.lastHeader("traceparent")).isNotNull();
        assertThat(out.lastHeader("bulk")).isNull();
        assertThat(out.headers(Topics.REASON_HEADER)).hasSize(1);
        assertThat(new String(out.lastHeader(Topics.REASON_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("too_large");
    }

    private static EventEnvelope envelope(Random random, int payloadBytes) {
        // escapes make the serialized payload larger than its characters: the case that needs the margin;
        // NUL and lone surrogates never pass validation, so no envelope holds them
        String content = text(random, payloadBytes / 2).replace("\u0000", "").replace("\ud83d", "")
                .replace("\ude00", "");
        String payload = Json.MAPPER.createObjectNode().put("content", content).toString();
        return new EventEnvelope(UUID.randomUUID(), "order", "o-1", "order.placed", null, payload, null, "p-1", "k-1",
                Instant.EPOCH, 3L, null);
    }

    /** Random text with control characters, non-Latin letters, surrogate pairs and lone surrogates. */
    private static String text(Random random, int chars) {
        StringBuilder out = new StringBuilder(chars);
        char[] specials = {'\u0000', '\n', '"', '\\', '\u00e9', '\u4e2d', '\ud83d', '\ude00', '\u001f'};
        for (int i = 0; i < chars; i++) {
            out.append(random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)] : (char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Headers headers(Random random, int total) {
        RecordHeaders headers = new RecordHeaders();
        int left = total;
        while (left > 0) {
            int size = Math.min(left, 1 + random.nextInt(8000));
            headers.add("h" + random.nextInt(1000), Arrays.copyOf(bytes(random, size), size));
            left -= size;
        }
        return headers;
    }
}
