package io.eventpipeline.read.query;

import static io.eventpipeline.sql.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.KeyChanges;
import io.eventpipeline.read.stats.EventTypeStats;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each seed index is used by the query it exists for: the very SQL the services run (captured from jOOQ with
 * its values inlined, as pgjdbc's unnamed statements are planned with them) is EXPLAINed and the plan must read
 * that index (on a partitioned table, one of its partitions' copies of it).
 *
 * <p>Why this proves something: the tables hold enough rows (20,000 events of 50 producers, 10,000 memories,
 * 5,000 MCP contexts, 5,000 API keys) with fresh statistics ({@code VACUUM ANALYZE}, which also sets the
 * visibility map an index-only scan needs) that a sequential scan costs far more than the index for these
 * selective predicates, and {@code enable_seqscan} is left on: the plan shows the planner <em>prefers</em> the
 * index, not merely that it could use it. On a table of a few rows the planner rightly scans instead, which is
 * why a test on the other ITs' fixtures would prove nothing.
 */
class IndexUsageIT {

    private static final String P = "p-7";
    private static ReadFixture fx;
    private static final List<String> captured = new CopyOnWriteArrayList<>();
    private static DSLContext capturing;

    @BeforeAll
    static void load() {
        fx = new ReadFixture("read_index_usage_it", TestServers.shared());
        fx.dsl.execute("SELECT ensure_events_partition((now() - interval '1 day')::date)");
        fx.dsl.execute("INSERT INTO events (producer_id, event_id, aggregate_type, aggregate_id, event_version, event_type,"
                + " created_at, event_data) SELECT 'p-' || (g % 50), gen_random_uuid(), 'order', 'a-' || (g % 2000),"
                + " g / 2000 + 1, 'type-' || (g % 20), now() - g * interval '1 second',"
                + " jsonb_build_object('n', g, 'kind', 'k-' || (g % 1000), 'total', g % 97) FROM generate_series(0, 19999) g");
        fx.dsl.execute("INSERT INTO memories (producer_id, memory_id, user_id, content, created_at, deleted_at)"
                + " SELECT 'p-' || (g % 50), 'm-' || g, 'u-' || (g % 500), 'memory ' || g, now() - g * interval '1 second',"
                + " CASE WHEN g % 10 = 0 THEN now() END FROM generate_series(0, 9999) g");
        fx.dsl.execute("INSERT INTO mcp_contexts (producer_id, context_id, data, created_at) SELECT 'p-' || (g % 50),"
                + " 'c-' || g, jsonb_build_object('tool', 'tool-' || (g % 100), 'q', g), now() - g * interval '1 second'"
                + " FROM generate_series(0, 4999) g");
        fx.dsl.execute("INSERT INTO api_keys (id, producer_id, key_hash, status, scopes) SELECT gen_random_uuid(),"
                + " 'p-' || (g % 50), md5(g::text), CASE WHEN g % 5 = 0 THEN 'revoked' ELSE 'active' END, ARRAY['read']"
                + " FROM generate_series(0, 4999) g");
        for (String table : List.of("events", "memories", "mcp_contexts", "api_keys")) {
            fx.dsl.execute("VACUUM ANALYZE " + table);
        }
        capturing = fx.dsl.configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                captured.add(ctx.dsl().renderInlined(ctx.query()));
            }
        }).dsl();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void shouldReadAnAggregatesEventsThroughIdxEventsAggregateIdVersion() {
        List<String> plan = plan(() -> new ReadQueries(capturing).events(P, "order", "a-7", 1, 100));

        assertThat(plan).anySatisfy(n -> assertThat(n).contains("Index Scan").matches(using("idx_events_aggregate_id_version")));
        assertThat(plan).noneMatch(n -> n.startsWith("Seq Scan"));
    }

    @Test
    void shouldCountEventTypesFromIdxEventsCreatedAtAloneThanksToItsIncludeColumns() {
        EventTypeStats stats = new EventTypeStats(capturing, null);

        List<String> plan = plan(() -> stats.count(P, Instant.now().minus(Duration.ofHours(1)), Instant.now()));

        assertThat(plan).as("event_type comes from the INCLUDE columns: no heap access")
                .anySatisfy(n -> assertThat(n).startsWith("Index Only Scan").matches(using("idx_events_created_at")));
        assertThat(plan).noneMatch(n -> n.startsWith("Seq Scan"));
    }

    @Test
    void shouldListAUsersMemoriesInIndexOrderThroughIdxMemoriesUserIdCreated() {
        List<String> plan = plan(() -> new ReadQueries(capturing).memories(P, "u-7", 50));

        assertThat(plan).anySatisfy(n -> assertThat(n).contains("Index Scan").matches(using("idx_memories_user_id_created")));
        assertThat(plan).as("newest first comes from the index order").noneMatch(n -> n.startsWith("Sort") || n.startsWith("Seq Scan"));
    }

    @Test
    void shouldListAToolsContextsThroughIdxMcpContextTool() {
        List<String> plan = plan(() -> new ReadQueries(capturing).mcpContexts(P, "tool-7", 50));

        assertThat(plan).anySatisfy(n -> assertThat(n).matches(using("idx_mcp_context_tool")));
        assertThat(plan).noneMatch(n -> n.startsWith("Seq Scan"));
    }

    @Test
    void shouldFindPayloadContainmentThroughTheGinIndexOnEventData() {
        JsonNode contains = Json.MAPPER.readTree("{\"kind\":\"k-7\"}");

        List<String> plan = plan(() -> new ReadQueries(capturing).eventsContaining(P, contains, 50));

        assertThat(plan).anySatisfy(n -> assertThat(n).startsWith("Bitmap Index Scan").matches(using("idx_events_data_gin")));
        assertThat(plan).noneMatch(n -> n.startsWith("Seq Scan"));
    }

    @Test
    void shouldLookUpAnActiveKeyThroughIdxApiKeysActiveAndTheServicesLookupThroughTheUniqueHash() {
        List<String> seed = plan(() -> capturing.select(API_KEYS.PRODUCER_ID, API_KEYS.EXPIRES_AT, API_KEYS.SCOPES).from(API_KEYS)
                .where(API_KEYS.KEY_HASH.eq(DSL.md5("7")), API_KEYS.STATUS.eq(DSL.inline("active"))).fetch());
        List<String> service = plan(() -> new ApiKeyStore(capturing, KeyChanges.NONE, new SimpleMeterRegistry())
                .findByHash("0123456789abcdef0123456789abcdef"));

        assertThat(seed).anySatisfy(n -> assertThat(n).startsWith("Index Only Scan").matches(using("idx_api_keys_active")));
        // The access module looks keys up by hash whatever their status (a revoked key must answer 403, not 401),
        // so its query is served by the UNIQUE index on key_hash, not by the partial index of active keys.
        assertThat(service).anySatisfy(n -> assertThat(n).contains("Index Scan").matches(using("api_keys_key_hash_key")));
    }

    /** Runs the service's query once (capturing its SQL), then returns the nodes of its EXPLAIN, depth first. */
    private static List<String> plan(Runnable query) {
        captured.clear();
        query.run();
        String sql = captured.stream().filter(s -> s.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("select"))
                .reduce((first, second) -> second).orElseThrow();
        JsonNode explain = Json.MAPPER.readTree(String.valueOf(fx.dsl.fetchValue("EXPLAIN (FORMAT JSON) " + sql)));
        List<String> nodes = new ArrayList<>();
        visit(explain.path(0).path("Plan"), nodes);
        return nodes;
    }

    private static void visit(JsonNode node, List<String> nodes) {
        String index = node.path("Index Name").asString("");
        nodes.add(node.path("Node Type").asString() + (index.isEmpty() ? "" : " using " + index)
                + (node.has("Relation Name") ? " on " + node.path("Relation Name").asString() : ""));
        node.path("Plans").forEach(child -> visit(child, nodes));
    }

    /** Matches a node reading {@code index} or, on a partitioned table, a partition's copy of it. */
    private static String using(String index) {
        Set<String> family = new HashSet<>(fx.dsl.fetchValues(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = {0}::regclass",
                DSL.inline(index)).stream().map(String::valueOf).toList());
        family.add(index);
        return ".* using (" + String.join("|", family) + ")( .*|$)";
    }
}
