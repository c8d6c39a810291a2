package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What Kafka and PostgreSQL hold after the run, read directly, never from the services' own counters:
 * every record of events.raw, events.log, events.rejected and cache.invalidations, and every row of events.
 */
final class Observed {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    /** Timestamps (ms) of each event id's records on events.raw, in offset order per partition. */
    final Map<String, List<Long>> raw = new HashMap<>();
    /** How often each event id is on events.log. */
    final Map<String, Integer> log = new HashMap<>();
    /** Reasons each event id was rejected with. */
    final Map<String, List<String>> rejected = new HashMap<>();
    /** Rejections whose event id could not be read at all. */
    int rejectedWithoutId;
    /** The highest version any invalidation announced, per aggregate (type/id). */
    final Map<String, Long> invalidated = new HashMap<>();
    /** Rows of events per event id. */
    final Map<String, Integer> rows = new HashMap<>();
    /** Per aggregate (type/id): version to event id of every row, in version order (a repeat keeps both). */
    final Map<String, TreeMap<Long, List<String>>> versions = new HashMap<>();

    static Observed read(String bootstrapServers, Connection db) throws SQLException {
        Observed o = new Observed();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrapServers, Topics.EVENTS_RAW.name())) {
            o.raw.computeIfAbsent(idOf(r.value()), k -> new ArrayList<>()).add(r.timestamp());
        }
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrapServers, Topics.EVENTS_LOG.name())) {
            o.log.merge(idOf(r.value()), 1, Integer::sum);
        }
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrapServers, Topics.EVENTS_REJECTED.name())) {
            o.noteRejection(r.value());
        }
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrapServers, Topics.CACHE_INVALIDATIONS.name())) {
            JsonNode tree = Json.MAPPER.readTree(r.value());
            o.invalidated.merge(aggregateOf(tree.path("aggregate").asString("")), tree.path("version").asLong(), Math::max);
        }
        o.readRows(db);
        return o;
    }

    private void noteRejection(String value) {
        JsonNode tree = Json.MAPPER.readTree(value);
        String reason = tree.path("reason").asString("?");
        String id = firstText(tree.path("eventId"), tree.path("envelope").path("eventId"),
                tree.path("original").path("eventId"));
        if (id == null && tree.hasNonNull("originalBytes")) {
            id = idOf(new String(Base64.getDecoder().decode(tree.get("originalBytes").asString()), StandardCharsets.UTF_8));
        }
        if (id == null) {
            rejectedWithoutId++;
        } else {
            rejected.computeIfAbsent(id, k -> new ArrayList<>()).add(reason);
        }
    }

    private void readRows(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT event_id::text, aggregate_type, aggregate_id, event_version FROM events")) {
            while (rs.next()) {
                String id = rs.getString(1);
                rows.merge(id, 1, Integer::sum);
                versions.computeIfAbsent(rs.getString(2) + "/" + rs.getString(3), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getLong(4), k -> new ArrayList<>()).add(id);
            }
        }
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isString()) {
                return node.asString();
            }
        }
        return null;
    }

    /** The event id in an envelope's JSON text, found without parsing all of it (records can be 1 MiB). */
    static String idOf(String json) {
        if (json == null) {
            return null;
        }
        Matcher m = EVENT_ID.matcher(json.length() > 4096 ? json.substring(0, 4096) : json);
        return m.find() ? m.group(1) : null;
    }

    /** {@code type/id} from an invalidation's aggregate, with or without a producer in front. */
    static String aggregateOf(String aggregate) {
        String[] parts = aggregate.split("/");
        return parts.length < 2 ? aggregate : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }
}
