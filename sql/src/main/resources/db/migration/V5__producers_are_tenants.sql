-- Producers are tenants (docs/decisions.md D1): producer_id is NOT NULL on events and on every
-- projection and leads their keys, so producer B's order/o-17, memory m-1 or context c-1 is another
-- row than producer A's. Also adds events.trace_id (D5): the W3C trace id of the events.log record.
--
-- Works on a database that already has rows. Rows whose producer is unknown get the placeholder
-- producer '(unattributed)': parentheses are outside the producer-id pattern [A-Za-z0-9._-]{1,64},
-- so no API key can ever read or change them. Projection rows take the producer of the event that
-- made them while that event is still stored (aggregates: its last event; memories: the first
-- memory.created; mcp_contexts: the newest mcp.context.recorded); the rest get the placeholder.
-- To hand them to a real producer: UPDATE <table> SET producer_id = '<id>' WHERE producer_id = '(unattributed)'.
--
-- Locks: this rebuilds the primary keys and the read indexes on every partition of events while
-- holding ACCESS EXCLUSIVE locks; on a large store run it in a maintenance window.

-- 1. Backfill the projections while events still has its old primary key (event_id, created_at).
ALTER TABLE aggregates ADD COLUMN producer_id varchar;
ALTER TABLE memories ADD COLUMN producer_id varchar;
ALTER TABLE mcp_contexts ADD COLUMN producer_id varchar;
ALTER TABLE events ADD COLUMN trace_id varchar;

/* [jooq ignore start] */
UPDATE events SET producer_id = '(unattributed)' WHERE producer_id IS NULL;

UPDATE aggregates a SET producer_id = coalesce(
    (SELECT e.producer_id FROM events e WHERE e.event_id = a.last_event_id ORDER BY e.created_at LIMIT 1),
    '(unattributed)');

UPDATE memories m SET producer_id = coalesce(
    (SELECT e.producer_id FROM events e
     WHERE e.aggregate_id = m.memory_id AND e.status = 'active' AND e.event_type = 'memory.created'
     ORDER BY e.created_at, e.event_version LIMIT 1),
    '(unattributed)');

UPDATE mcp_contexts c SET producer_id = coalesce(
    (SELECT e.producer_id FROM events e
     WHERE e.aggregate_id = c.context_id AND e.status = 'active' AND e.event_type = 'mcp.context.recorded'
     ORDER BY e.created_at DESC, e.event_version DESC LIMIT 1),
    '(unattributed)');
/* [jooq ignore stop] */

-- 2. NOT NULL and the producer-led keys.
ALTER TABLE events ALTER COLUMN producer_id SET NOT NULL;
ALTER TABLE aggregates ALTER COLUMN producer_id SET NOT NULL;
ALTER TABLE memories ALTER COLUMN producer_id SET NOT NULL;
ALTER TABLE mcp_contexts ALTER COLUMN producer_id SET NOT NULL;

-- jOOQ's codegen simulates these scripts in H2, which names unnamed keys its own way: it gets the
-- same keys from J5_0_1__jooq_primary_keys.sql (codegen only) instead.
/* [jooq ignore start] */
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (producer_id, event_id, created_at);
ALTER TABLE aggregates DROP CONSTRAINT aggregates_pkey;
ALTER TABLE aggregates ADD CONSTRAINT aggregates_pkey PRIMARY KEY (producer_id, aggregate_type, aggregate_id);
ALTER TABLE memories DROP CONSTRAINT memories_pkey;
ALTER TABLE memories ADD CONSTRAINT memories_pkey PRIMARY KEY (producer_id, memory_id);
ALTER TABLE mcp_contexts DROP CONSTRAINT mcp_contexts_pkey;
ALTER TABLE mcp_contexts ADD CONSTRAINT mcp_contexts_pkey PRIMARY KEY (producer_id, context_id);
/* [jooq ignore stop] */

-- 3. The seed's read indexes keep their names and their queries; every read is producer-scoped now,
-- so each leads with producer_id (D1 "Indexes"). The GIN index on event_data stays as it is: a
-- containment query adds producer_id = ? as a filter.
/* [jooq ignore start] */
DROP INDEX idx_events_aggregate_id_version;
CREATE INDEX idx_events_aggregate_id_version ON events (producer_id, aggregate_id, event_version) WHERE status = 'active';

DROP INDEX idx_events_created_at;
CREATE INDEX idx_events_created_at ON events (producer_id, created_at DESC) INCLUDE (event_type, aggregate_id);

DROP INDEX idx_memories_user_id_created;
CREATE INDEX idx_memories_user_id_created ON memories (producer_id, user_id, created_at DESC) WHERE deleted_at IS NULL;

DROP INDEX idx_mcp_context_tool;
CREATE INDEX idx_mcp_context_tool ON mcp_contexts (producer_id, (data ->> 'tool')) WHERE data ->> 'tool' IS NOT NULL;
/* [jooq ignore stop] */
