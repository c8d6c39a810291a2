package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.TraceContext;
import io.eventpipeline.schemas.EventEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Encodes event rows in PostgreSQL's binary COPY format for {@link #COLUMNS} of {@code events}, so
 * Postgres parses no text: uuid as 16 bytes, timestamptz as microseconds since 2000-01-01, jsonb as
 * version byte 1 followed by the JSON text. Package-private helpers; the benchmark reuses {@link #encode}.
 */
public final class BinaryCopyEncoder {

    /** The columns, in order, that {@link #encode} writes; {@code recorded_at} takes its default. */
    public static final List<String> COLUMNS = List.of("event_id", "aggregate_type", "aggregate_id", "event_version",
            "event_type", "producer_id", "idempotency_key", "status", "occurred_at", "created_at", "event_data",
            "metadata", "kafka_partition", "kafka_offset", "trace_id");

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] ACTIVE = "active".getBytes(StandardCharsets.UTF_8);

    private BinaryCopyEncoder() {
    }

    /** {@code COPY events (...) FROM STDIN (FORMAT binary)} for the given (unqualified) table. */
    public static String copySql(String table) {
        return "COPY " + table + " (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)";
    }

    public static byte[] encode(List<LogEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + events.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
            for (LogEvent event : events) {
                writeRow(out, event);
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeRow(DataOutputStream out, LogEvent event) throws IOException {
        EventEnvelope e = event.envelope();
        out.writeShort(COLUMNS.size());
        uuid(out, e.eventId());
        text(out, e.aggregateType());
        text(out, e.aggregateId());
        int8(out, event.version());
        text(out, e.eventType());
        text(out, e.producerId());
        text(out, e.idempotencyKey());
        out.writeInt(ACTIVE.length);
        out.write(ACTIVE);
        timestamp(out, e.occurredAt());
        timestamp(out, e.createdAt());
        jsonb(out, e.payload());
        jsonb(out, e.metadata());
        out.writeInt(4);
        out.writeInt(event.partition());
        int8(out, event.offset());
        text(out, TraceContext.traceId(event.traceparent()));
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void timestamp(DataOutputStream out, Instant at) throws IOException {
        if (at == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(8);
        out.writeLong(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS);
    }

    private static void jsonb(DataOutputStream out, String json) throws IOException {
        if (json == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length + 1);
        out.writeByte(1);
        out.write(utf8);
    }
}
