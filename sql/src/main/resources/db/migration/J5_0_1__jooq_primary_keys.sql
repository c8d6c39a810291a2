-- For jOOQ's code generation only (DDLDatabase, simulated in H2): the sql module's pom keeps J* files
-- out of the jar, so Flyway never runs this file; jOOQ sorts it as version 5.0.1, right after V5.
-- V5 replaces the primary keys with PostgreSQL's names (events_pkey, ...), which H2 does not give
-- to the unnamed keys of V1/V2; this states the same keys in H2's syntax so the generated classes
-- know them. Keep it in step with V5__producers_are_tenants.sql.
ALTER TABLE events DROP PRIMARY KEY;
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (producer_id, event_id, created_at);
ALTER TABLE aggregates DROP PRIMARY KEY;
ALTER TABLE aggregates ADD CONSTRAINT aggregates_pkey PRIMARY KEY (producer_id, aggregate_type, aggregate_id);
ALTER TABLE memories DROP PRIMARY KEY;
ALTER TABLE memories ADD CONSTRAINT memories_pkey PRIMARY KEY (producer_id, memory_id);
ALTER TABLE mcp_contexts DROP PRIMARY KEY;
ALTER TABLE mcp_contexts ADD CONSTRAINT mcp_contexts_pkey PRIMARY KEY (producer_id, context_id);
