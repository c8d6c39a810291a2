-- The partitions attached to events as a view, so the projection-writer reads them through jOOQ's typed
-- API (a table-valued function in FROM needs plain SQL text there; docs/decisions.md D8, issue 14).
/* [jooq ignore start] */
CREATE OR REPLACE VIEW events_partition_list AS
  SELECT partition_name, is_default FROM events_partitions();
/* [jooq ignore stop] */
