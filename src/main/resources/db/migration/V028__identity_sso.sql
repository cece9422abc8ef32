-- Accounts signed in through the institution's provider (OpenID Connect, CAS) have no password of their own.
ALTER TABLE staff ALTER COLUMN password_hash DROP NOT NULL;
-- The provider that made or last signed in the account, and when: an account not seen there for N days loses access.
ALTER TABLE staff ADD COLUMN sso_provider TEXT;
ALTER TABLE staff ADD COLUMN last_seen_at TIMESTAMPTZ;

-- Who a provider's subject is here: the provider's stable id, never the email (it may be reused).
CREATE TABLE staff_external_ids (
    provider    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    staff_id    BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX staff_external_ids_staff ON staff_external_ids (staff_id);

-- A sign-in under way at a provider: its state (hashed), nonce and PKCE verifier, in the database so that any
-- node may receive the provider's redirect. Used once: the callback deletes it.
CREATE TABLE sso_pending_logins (
    state_hash      TEXT PRIMARY KEY,
    provider        TEXT NOT NULL,
    nonce           TEXT NOT NULL,
    code_verifier   TEXT NOT NULL,
    next_path       TEXT NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);

-- A session opened through a provider remembers it (and the ID token, the hint of RP-initiated logout), so that
-- signing out of Guichet can also end the provider's session.
ALTER TABLE staff_sessions ADD COLUMN sso_provider TEXT;
ALTER TABLE staff_sessions ADD COLUMN id_token TEXT;
