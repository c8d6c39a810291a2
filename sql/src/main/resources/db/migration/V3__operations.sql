-- Producer API keys: only the SHA-256 (hex) of a key is stored; the key itself is shown once.
CREATE TABLE api_keys (
    id          uuid        NOT NULL PRIMARY KEY,
    producer_id varchar        NOT NULL,
    key_hash    varchar        NOT NULL UNIQUE,
    status      varchar        NOT NULL DEFAULT 'active',
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The playbook's partial index has "AND expires_at > NOW()", which PostgreSQL refuses (index
-- predicates must be immutable). Active keys are indexed and expiry is checked on the row instead.
/* [jooq ignore start] */
CREATE INDEX idx_api_keys_active ON api_keys (key_hash) INCLUDE (producer_id, expires_at) WHERE status = 'active';
/* [jooq ignore stop] */

-- The projection-writer's consumer offsets, committed in the same transaction as the rows they cover.
CREATE TABLE projection_offsets (
    consumer_group varchar        NOT NULL,
    topic          varchar        NOT NULL,
    partition      int         NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);
