-- The projection-writer's transactional outbox of cache invalidations: one row per committed batch,
-- written in the same transaction as the rows it describes, deleted once every message is acknowledged
-- by Kafka. A writer killed between its commit and its publish leaves the row here, and the next
-- writer publishes it, so an invalidation is never lost (at-least-once). `data` is a JSON array of
-- CacheInvalidation messages.
CREATE TABLE pending_invalidations (
    batch_id     uuid        NOT NULL PRIMARY KEY,
    data         jsonb       NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);

/* [jooq ignore start] */
-- Every partition attached to events, with its bound as PostgreSQL prints it ('DEFAULT' for a default one).
CREATE OR REPLACE FUNCTION events_partitions()
RETURNS TABLE (partition_name text, is_default boolean, partition_bound text) AS $$
  SELECT c.relname::text,
         pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT',
         pg_get_expr(c.relpartbound, c.oid)
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'events'::regclass
$$ LANGUAGE sql STABLE;

-- Retention: detaches a partition of events (a short ACCESS EXCLUSIVE lock on the parent: callers set
-- lock_timeout and retry) and optionally drops it. A detached table keeps its rows for archiving.
CREATE OR REPLACE FUNCTION detach_events_partition(partition_name text, drop_after boolean)
RETURNS void AS $$
BEGIN
  EXECUTE format('ALTER TABLE events DETACH PARTITION %I', partition_name);
  IF drop_after THEN
    EXECUTE format('DROP TABLE %I', partition_name);
  END IF;
END;
$$ LANGUAGE plpgsql;

-- Rows in the default partition of events, or NULL when there is none. A row there means a month
-- was missing when it was written; the projection-writer exports this as a metric.
CREATE OR REPLACE FUNCTION events_default_partition_rows()
RETURNS bigint AS $$
DECLARE
  default_name text;
  row_count bigint;
BEGIN
  SELECT p.partition_name INTO default_name FROM events_partitions() p WHERE p.is_default;
  IF default_name IS NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT count(*) FROM %I', default_name) INTO row_count;
  RETURN row_count;
END;
$$ LANGUAGE plpgsql;
/* [jooq ignore stop] */
