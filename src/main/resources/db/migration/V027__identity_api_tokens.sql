-- Credentials of the systems that feed Guichet (the admission system, the PBX, the exam calendar). The secret is
-- 256 random bits shown once; only its SHA-256 is kept (a slow hash adds nothing to a secret no one can guess).
CREATE TABLE api_tokens (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL,
    secret_hash     TEXT NOT NULL UNIQUE,
    scopes          TEXT[] NOT NULL,
    ip_allow_list   TEXT[] NOT NULL DEFAULT '{}',
    expires_at      TIMESTAMPTZ,
    created_by      BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
