-- API keys have scopes (docs/decisions.md D1): produce (POST events), read (the read-api's GETs of the
-- key's own producer), admin (operator endpoints). A key holds one or more; the services refuse a
-- request whose key lacks the scope with 403 insufficient-scope.
--
-- Keys that exist before this migration could post and, since the read-api was open, read: they keep
-- both. New keys get what `keys create --scopes` names (default produce).
ALTER TABLE api_keys ADD COLUMN scopes varchar array;

/* [jooq ignore start] */
UPDATE api_keys SET scopes = ARRAY['produce', 'read'];
ALTER TABLE api_keys ALTER COLUMN scopes SET DEFAULT ARRAY['produce'];
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known
    CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['produce', 'read', 'admin']::varchar[]);
/* [jooq ignore stop] */
ALTER TABLE api_keys ALTER COLUMN scopes SET NOT NULL;

-- The lookup by hash reads the scopes too: keep it an index-only scan of active keys.
/* [jooq ignore start] */
DROP INDEX idx_api_keys_active;
CREATE INDEX idx_api_keys_active ON api_keys (key_hash) INCLUDE (producer_id, expires_at, scopes) WHERE status = 'active';
/* [jooq ignore stop] */
