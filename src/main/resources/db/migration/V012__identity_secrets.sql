-- Server keys every node shares (the key that binds form tokens to a session), made once on first use.
CREATE TABLE identity_secrets (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
