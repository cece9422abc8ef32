CREATE TABLE contacts (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT,
    email       TEXT,
    lang        TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
    kind        TEXT NOT NULL DEFAULT 'visitor',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A browser's identity: the visitor keeps the token, we keep its hash.
CREATE TABLE visitor_sessions (
    token_hash  TEXT PRIMARY KEY,
    contact_id  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX visitor_sessions_contact ON visitor_sessions (contact_id);
