-- Operator tools of the projection-writer (see projection-writer/README.md "Stopped partitions" and
-- "Late events"). Hidden from jOOQ's codegen, which cannot simulate plpgsql.
/* [jooq ignore start] */

-- Sets the stored position of one partition of the writer (next offset to read), for an operator who
-- accepts a loss the writer refuses to skip on its own: records deleted by retention before they were
-- stored. Returns the previous next offset, or NULL when none was stored. A running writer picks the new
-- position up at its next re-check of the stopped partition.
CREATE OR REPLACE FUNCTION set_projection_offset(p_group text, p_topic text, p_partition int, p_next_offset bigint)
RETURNS bigint AS $$
DECLARE
  previous bigint;
BEGIN
  IF p_next_offset < 0 THEN
    RAISE EXCEPTION 'next offset must be >= 0, got %', p_next_offset;
  END IF;
  SELECT next_offset INTO previous FROM projection_offsets
  WHERE consumer_group = p_group AND topic = p_topic AND partition = p_partition FOR UPDATE;
  INSERT INTO projection_offsets (consumer_group, topic, partition, next_offset)
  VALUES (p_group, p_topic, p_partition, p_next_offset)
  ON CONFLICT (consumer_group, topic, partition)
  DO UPDATE SET next_offset = excluded.next_offset, updated_at = now();
  RETURN previous;
END;
$$ LANGUAGE plpgsql;

-- The state of the monthly partition of events holding month_start: 'attached', 'detached' (a table
-- of that name exists but is not a partition of events: retention or an operator detached it, and a
-- late event for it must be refused, not written into a re-created month) or 'absent'.
CREATE OR REPLACE FUNCTION events_month_state(month_start date)
RETURNS text AS $$
  SELECT CASE
    WHEN to_regclass(name) IS NULL THEN 'absent'
    WHEN EXISTS (SELECT 1 FROM pg_inherits i
                 WHERE i.inhrelid = to_regclass(name) AND i.inhparent = 'events'::regclass) THEN 'attached'
    ELSE 'detached'
  END
  FROM (SELECT 'events_' || to_char(date_trunc('month', month_start), 'YYYY_MM') AS name) n
$$ LANGUAGE sql STABLE;
/* [jooq ignore stop] */
