package io.eventpipeline.admin.rebuild;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;

import io.eventpipeline.schemas.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The projection rows in Postgres, in the shapes {@link LogEvents} expects; each call on a new connection. */
final class Projected {

    private final String url;
    private final String user;
    private final String password;

    Projected(Map<String, String> environment) {
        this.url = environment.get("DATABASE_URL");
        this.user = environment.get("DATABASE_USER");
        this.password = environment.get("DATABASE_PASSWORD");
    }

    Map<String, String> aggregates() {
        return query(dsl -> {
            Map<String, String> rows = new TreeMap<>();
            dsl.selectFrom(AGGREGATES).forEach(r -> rows.put(r.getProducerId() + "/" + r.getAggregateType() + "/"
                    + r.getAggregateId(), r.getVersion() + " " + r.getLastEventId() + " " + r.getLastEventType() + " "
                    + r.getEventCount()));
            return rows;
        });
    }

    Map<String, String> memories() {
        return query(dsl -> {
            Map<String, String> rows = new TreeMap<>();
            dsl.selectFrom(MEMORIES).forEach(r -> rows.put(r.getProducerId() + "/" + r.getMemoryId(), r.getUserId() + " "
                    + r.getContent() + " " + (r.getDeletedAt() == null ? "null" : r.getDeletedAt().toInstant().toString())));
            return rows;
        });
    }

    Map<String, List<Object>> contexts() {
        return query(dsl -> {
            Map<String, List<Object>> rows = new TreeMap<>();
            dsl.selectFrom(MCP_CONTEXTS).forEach(r -> rows.put(r.getProducerId() + "/" + r.getContextId(),
                    List.of(Json.MAPPER.readTree(r.getData().data()), r.getCreatedAt().toInstant().toString())));
            return rows;
        });
    }

    List<String> indexNames() {
        return query(dsl -> dsl.fetch("SELECT indexname FROM pg_indexes WHERE tablename IN "
                + "('aggregates', 'memories', 'mcp_contexts')").getValues(0, String.class));
    }

    List<String> shadowTables() {
        return query(dsl -> dsl.fetch("SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_rebuild'")
                .getValues(0, String.class));
    }

    int events() {
        return query(dsl -> dsl.fetchCount(EVENTS));
    }

    /** Runs {@code work} on a fresh connection (auto-commit). */
    <T> T query(Function<DSLContext, T> work) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return work.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
