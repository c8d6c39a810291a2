-- The event store: one row per logical event, partitioned by month of created_at (events_YYYY_MM).
-- Identifiers are varchar (unbounded: the same storage as text in PostgreSQL) because jOOQ's
-- DDL simulation cannot key or index text columns.
-- Partitions are made by the projection-writer (premade ahead, and on demand) through
-- ensure_events_partition(); create_monthly_partition() is the playbook's function for operators
-- who schedule partition upkeep themselves (pg_cron or similar).
-- Plain CREATE INDEX, not CONCURRENTLY: an index on a partitioned parent cannot be built
-- concurrently and the table is empty when this runs; every partition inherits these indexes.
CREATE TABLE events (
    event_id        uuid        NOT NULL,
    aggregate_type  varchar        NOT NULL,
    aggregate_id    varchar        NOT NULL,
    event_version   bigint      NOT NULL,
    event_type      varchar        NOT NULL,
    producer_id     varchar,
    idempotency_key varchar,
    status          varchar        NOT NULL DEFAULT 'active',
    occurred_at     timestamptz,
    created_at      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    event_data      jsonb       NOT NULL,
    metadata        jsonb,
    kafka_partition int,
    kafka_offset    bigint,
    PRIMARY KEY (event_id, created_at)
)
/* [jooq ignore start] */ PARTITION BY RANGE (created_at) /* [jooq ignore stop] */;

-- Indexes and functions are hidden from jOOQ's codegen (its H2 simulation cannot index text).
/* [jooq ignore start] */
CREATE INDEX idx_events_aggregate_id_version ON events (aggregate_id, event_version) WHERE status = 'active';

CREATE INDEX idx_events_created_at ON events (created_at DESC) INCLUDE (event_type, aggregate_id);

-- Costs about 2.5x in write speed and WAL on these machines; kept because the read side queries
-- payload containment (event_data @> '{...}'). See README "Benchmarks".
CREATE INDEX idx_events_data_gin ON events USING gin (event_data);

-- Creates the monthly partition holding month_start (any day of it) unless it exists; returns its
-- name. Short lock_timeout so a busy parent table never blocks readers for long: callers retry.
CREATE OR REPLACE FUNCTION ensure_events_partition(month_start date)
RETURNS text AS $$
DECLARE
  start_date date := date_trunc('month', month_start)::date;
  end_date date := (date_trunc('month', month_start) + interval '1 month')::date;
  partition_name text := 'events_' || to_char(start_date, 'YYYY_MM');
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
      partition_name, start_date, end_date);
  END IF;
  RETURN partition_name;
END;
$$ LANGUAGE plpgsql;

-- The playbook's function: creates next month's partition. Schedule it monthly if the
-- projection-writer's own upkeep is disabled (PARTITION_UPKEEP_ENABLED=false).
CREATE OR REPLACE FUNCTION create_monthly_partition()
RETURNS void AS $$
BEGIN
  PERFORM ensure_events_partition((CURRENT_DATE + interval '1 month')::date);
END;
$$ LANGUAGE plpgsql;
/* [jooq ignore stop] */
