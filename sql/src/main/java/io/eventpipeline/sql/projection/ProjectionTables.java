package io.eventpipeline.sql.projection;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;

import io.eventpipeline.sql.jooq.tables.Aggregates;
import io.eventpipeline.sql.jooq.tables.McpContexts;
import io.eventpipeline.sql.jooq.tables.Memories;

/**
 * The three projection tables {@link Projections} writes: the live ones, or shadow tables of the same
 * shape whose names carry a suffix (a rebuild fills {@code aggregates_rebuild}, ... before swapping them in).
 */
public record ProjectionTables(Aggregates aggregates, Memories memories, McpContexts mcpContexts) {

    public static final ProjectionTables LIVE = new ProjectionTables(AGGREGATES, MEMORIES, MCP_CONTEXTS);

    public static ProjectionTables withSuffix(String suffix) {
        return new ProjectionTables(AGGREGATES.rename(AGGREGATES.getName() + suffix),
                MEMORIES.rename(MEMORIES.getName() + suffix), MCP_CONTEXTS.rename(MCP_CONTEXTS.getName() + suffix));
    }
}
