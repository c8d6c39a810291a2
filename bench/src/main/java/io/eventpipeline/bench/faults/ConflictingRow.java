package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * The row of an events.log record, inserted by the harness in a transaction it keeps open: the writer's
 * COPY of the same event then waits on it (unique key). The harness always rolls it back.
 */
final class ConflictingRow {

    private static final String INSERT = """
            INSERT INTO events (event_id, aggregate_type, aggregate_id, event_version, event_type, producer_id,
                                idempotency_key, status, occurred_at, created_at, event_data, metadata,
                                kafka_partition, kafka_offset)
            VALUES (?::uuid, ?, ?, ?, ?, ?, ?, 'active', ?::timestamptz, ?::timestamptz, ?::jsonb, ?::jsonb, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private ConflictingRow() {
    }

    static String eventId(ConsumerRecord<String, String> record) {
        return Json.MAPPER.readTree(record.value()).path("eventId").asString();
    }

    /**
     * @return true when the row is now held by {@code blocker}'s open transaction; false (rolled back) when
     *         the writer had written or was writing it already
     */
    static boolean insert(Connection blocker, ConsumerRecord<String, String> record) throws SQLException {
        JsonNode event = Json.MAPPER.readTree(record.value());
        try (Statement s = blocker.createStatement(); PreparedStatement insert = blocker.prepareStatement(INSERT)) {
            s.execute("SET LOCAL lock_timeout = '100ms'");
            insert.setString(1, event.path("eventId").asString());
            insert.setString(2, event.path("aggregateType").asString());
            insert.setString(3, event.path("aggregateId").asString());
            insert.setLong(4, event.path("version").asLong());
            insert.setString(5, event.path("eventType").asString());
            insert.setString(6, event.path("producerId").asString(null));
            insert.setString(7, event.path("idempotencyKey").asString(null));
            insert.setString(8, event.path("occurredAt").asString(null));
            insert.setString(9, event.path("createdAt").asString());
            insert.setString(10, event.path("payload").toString());
            insert.setString(11, event.has("metadata") ? event.get("metadata").toString() : null);
            insert.setInt(12, record.partition());
            insert.setLong(13, record.offset());
            if (insert.executeUpdate() == 1) {
                return true;
            }
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                blocker.rollback();
                throw e;
            }
            // lock_timeout: the writer's open transaction holds this key already.
        }
        blocker.rollback();
        return false;
    }
}
