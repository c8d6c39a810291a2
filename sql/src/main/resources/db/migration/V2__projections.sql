-- Read models fed by the projection-writer in the same transaction as the events rows.

-- Stream head of every aggregate.
CREATE TABLE aggregates (
    aggregate_type  varchar        NOT NULL,
    aggregate_id    varchar        NOT NULL,
    version         bigint      NOT NULL,
    last_event_id   uuid        NOT NULL,
    last_event_type varchar        NOT NULL,
    event_count     bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- memory.created inserts, memory.deleted soft-deletes (deleted_at).
CREATE TABLE memories (
    memory_id  varchar        NOT NULL PRIMARY KEY,
    user_id    varchar        NOT NULL,
    content    text,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz
);

/* [jooq ignore start] */
CREATE INDEX idx_memories_user_id_created ON memories (user_id, created_at DESC) WHERE deleted_at IS NULL;
/* [jooq ignore stop] */

-- mcp.context.recorded stores its payload as data.
CREATE TABLE mcp_contexts (
    context_id varchar        NOT NULL PRIMARY KEY,
    data       jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

/* [jooq ignore start] */
CREATE INDEX idx_mcp_context_tool ON mcp_contexts ((data ->> 'tool')) WHERE data ->> 'tool' IS NOT NULL;
/* [jooq ignore stop] */
