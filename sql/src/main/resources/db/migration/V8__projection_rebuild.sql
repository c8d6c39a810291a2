-- Projection rebuilds (./admin rebuild, admin-cli/README.md): shadow tables of the same shape as the
-- projections, filled from events.log, then swapped in (all) or copied over a selection (some
-- aggregates) in one transaction. Hidden from jOOQ's codegen, which cannot simulate plpgsql.
/* [jooq ignore start] */

-- Creates <projection><suffix> for aggregates, memories and mcp_contexts: same columns, defaults,
-- keys and indexes (LIKE ... INCLUDING ALL); a leftover of an interrupted rebuild is dropped first.
CREATE OR REPLACE FUNCTION projection_rebuild_prepare(p_suffix text)
RETURNS void AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['aggregates', 'memories', 'mcp_contexts'] LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', t || p_suffix);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL)', t || p_suffix, t);
  END LOOP;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION projection_rebuild_drop(p_suffix text)
RETURNS void AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['aggregates', 'memories', 'mcp_contexts'] LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', t || p_suffix);
  END LOOP;
END;
$$ LANGUAGE plpgsql;

-- Fresh planner statistics for the shadow tables before they serve reads.
CREATE OR REPLACE FUNCTION projection_rebuild_analyze(p_suffix text)
RETURNS void AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['aggregates', 'memories', 'mcp_contexts'] LOOP
    EXECUTE format('ANALYZE %I', t || p_suffix);
  END LOOP;
END;
$$ LANGUAGE plpgsql;

-- Stops the projection-writer's writes to the live projections until this transaction ends (reads go
-- on until a swap renames the tables). Waits at most p_timeout_ms for the writer's open batch.
CREATE OR REPLACE FUNCTION projection_rebuild_lock(p_timeout_ms int)
RETURNS void AS $$
BEGIN
  PERFORM set_config('lock_timeout', p_timeout_ms || 'ms', true);
  LOCK TABLE aggregates, memories, mcp_contexts IN EXCLUSIVE MODE;
END;
$$ LANGUAGE plpgsql;

-- The rows of the selection that differ between the live projections and the shadow tables, as a
-- jsonb array of {kind, producer, type, id, users, version}: what caches must forget after the swap.
-- The selection: every row (p_producer NULL), a producer's rows (p_keys NULL), or the aggregates
-- p_keys ('type/id') of p_producer with the memories and contexts whose id is in p_ids.
CREATE OR REPLACE FUNCTION projection_rebuild_changes(p_suffix text, p_producer text, p_keys text[], p_ids text[])
RETURNS jsonb AS $$
DECLARE
  result jsonb;
BEGIN
  EXECUTE format($q$
    WITH a AS (
      SELECT coalesce(n.producer_id, o.producer_id) AS producer, coalesce(n.aggregate_type, o.aggregate_type) AS type,
             coalesce(n.aggregate_id, o.aggregate_id) AS id, coalesce(n.version, o.version) AS version
      FROM (SELECT * FROM aggregates WHERE ($1 IS NULL OR producer_id = $1)
              AND ($2 IS NULL OR aggregate_type || '/' || aggregate_id = ANY ($2))) o
      FULL JOIN (SELECT * FROM %1$I WHERE ($1 IS NULL OR producer_id = $1)
              AND ($2 IS NULL OR aggregate_type || '/' || aggregate_id = ANY ($2))) n
        USING (producer_id, aggregate_type, aggregate_id)
      WHERE (o.version, o.last_event_id, o.last_event_type, o.event_count)
            IS DISTINCT FROM (n.version, n.last_event_id, n.last_event_type, n.event_count)),
    m AS (
      SELECT coalesce(n.producer_id, o.producer_id) AS producer, coalesce(n.memory_id, o.memory_id) AS id,
             array_remove(ARRAY[o.user_id, n.user_id], NULL) AS users
      FROM (SELECT * FROM memories WHERE ($1 IS NULL OR producer_id = $1) AND ($3 IS NULL OR memory_id = ANY ($3))) o
      FULL JOIN (SELECT * FROM %2$I WHERE ($1 IS NULL OR producer_id = $1) AND ($3 IS NULL OR memory_id = ANY ($3))) n
        USING (producer_id, memory_id)
      WHERE (o.user_id, o.content, o.created_at, o.deleted_at) IS DISTINCT FROM (n.user_id, n.content, n.created_at, n.deleted_at)),
    c AS (
      SELECT coalesce(n.producer_id, o.producer_id) AS producer, coalesce(n.context_id, o.context_id) AS id
      FROM (SELECT * FROM mcp_contexts WHERE ($1 IS NULL OR producer_id = $1) AND ($3 IS NULL OR context_id = ANY ($3))) o
      FULL JOIN (SELECT * FROM %3$I WHERE ($1 IS NULL OR producer_id = $1) AND ($3 IS NULL OR context_id = ANY ($3))) n
        USING (producer_id, context_id)
      WHERE (o.data, o.created_at) IS DISTINCT FROM (n.data, n.created_at))
    SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
      SELECT jsonb_build_object('kind', 'aggregate', 'producer', producer, 'type', type, 'id', id, 'version', version) x FROM a
      UNION ALL SELECT jsonb_build_object('kind', 'memory', 'producer', producer, 'id', id, 'users', to_jsonb(users)) FROM m
      UNION ALL SELECT jsonb_build_object('kind', 'mcp_context', 'producer', producer, 'id', id) FROM c) changes
  $q$, 'aggregates' || p_suffix, 'memories' || p_suffix, 'mcp_contexts' || p_suffix)
  INTO result USING p_producer, p_keys, p_ids;
  RETURN result;
END;
$$ LANGUAGE plpgsql;

-- Puts the shadow tables in the place of the live projections (call projection_rebuild_lock first):
-- the old tables are dropped, the shadow tables take their names and each index takes the name of the
-- old index of the same definition, so queries, plans and docs that name an index keep working.
CREATE OR REPLACE FUNCTION projection_rebuild_swap(p_suffix text)
RETURNS void AS $$
DECLARE
  t text;
  shapes text[];
  names text[];
  new_index text;
BEGIN
  FOREACH t IN ARRAY ARRAY['aggregates', 'memories', 'mcp_contexts'] LOOP
    SELECT array_agg(regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')), array_agg(c.relname::text)
    INTO shapes, names
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = t::regclass;
    EXECUTE format('DROP TABLE %I', t);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t || p_suffix, t);
    FOR k IN 1 .. coalesce(array_length(names, 1), 0) LOOP
      SELECT c.relname INTO new_index FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = t::regclass AND regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') = shapes[k];
      IF new_index IS NOT NULL AND new_index <> names[k] THEN
        EXECUTE format('ALTER INDEX %I RENAME TO %I', new_index, names[k]);
      END IF;
    END LOOP;
  END LOOP;
END;
$$ LANGUAGE plpgsql;

-- Replaces the selection's rows (see projection_rebuild_changes) in the live projections by the shadow
-- tables' (call projection_rebuild_lock first). Returns how many rows were written.
CREATE OR REPLACE FUNCTION projection_rebuild_replace(p_suffix text, p_producer text, p_keys text[], p_ids text[])
RETURNS bigint AS $$
DECLARE
  written bigint := 0;
  n bigint;
BEGIN
  DELETE FROM aggregates WHERE producer_id = p_producer
    AND (p_keys IS NULL OR aggregate_type || '/' || aggregate_id = ANY (p_keys));
  EXECUTE format('INSERT INTO aggregates SELECT * FROM %I WHERE producer_id = $1
    AND ($2 IS NULL OR aggregate_type || ''/'' || aggregate_id = ANY ($2))', 'aggregates' || p_suffix) USING p_producer, p_keys;
  GET DIAGNOSTICS n = ROW_COUNT; written := written + n;
  DELETE FROM memories WHERE producer_id = p_producer AND (p_ids IS NULL OR memory_id = ANY (p_ids));
  EXECUTE format('INSERT INTO memories SELECT * FROM %I WHERE producer_id = $1 AND ($2 IS NULL OR memory_id = ANY ($2))',
    'memories' || p_suffix) USING p_producer, p_ids;
  GET DIAGNOSTICS n = ROW_COUNT; written := written + n;
  DELETE FROM mcp_contexts WHERE producer_id = p_producer AND (p_ids IS NULL OR context_id = ANY (p_ids));
  EXECUTE format('INSERT INTO mcp_contexts SELECT * FROM %I WHERE producer_id = $1 AND ($2 IS NULL OR context_id = ANY ($2))',
    'mcp_contexts' || p_suffix) USING p_producer, p_ids;
  GET DIAGNOSTICS n = ROW_COUNT; written := written + n;
  RETURN written;
END;
$$ LANGUAGE plpgsql;
/* [jooq ignore stop] */
