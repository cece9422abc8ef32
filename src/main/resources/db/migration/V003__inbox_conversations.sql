CREATE TABLE services (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name_fr     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    languages   TEXT[] NOT NULL DEFAULT ARRAY['fr', 'en'],
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Weekly opening hours in the institution's time zone; no row for a day means closed that day.
-- A service with no rows at all is always open.
CREATE TABLE service_hours (
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    weekday     INT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens       TIME NOT NULL,
    closes      TIME NOT NULL CHECK (closes > opens),
    PRIMARY KEY (service_id, weekday, opens)
);

CREATE TABLE service_members (
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    staff_id    BIGINT NOT NULL,
    PRIMARY KEY (service_id, staff_id)
);
CREATE INDEX service_members_staff ON service_members (staff_id);

-- Routing state of an agent. open_count is kept in the same transactions that assign and release,
-- so that "under the limit" is a check on one locked row (SELECT ... FOR UPDATE SKIP LOCKED).
CREATE TABLE agent_presence (
    staff_id          BIGINT PRIMARY KEY,
    max_concurrent    INT NOT NULL,
    wants_available   BOOLEAN NOT NULL DEFAULT TRUE,
    online_until      TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    open_count        INT NOT NULL DEFAULT 0 CHECK (open_count >= 0),
    last_assigned_at  TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
);

CREATE TABLE conversations (
    id               BIGSERIAL PRIMARY KEY,
    service_id       BIGINT NOT NULL REFERENCES services (id),
    contact_id       BIGINT NOT NULL,
    client_id        TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('waiting', 'open', 'resolved')),
    assignee_id      BIGINT,
    offline          BOOLEAN NOT NULL DEFAULT FALSE,
    lang             TEXT NOT NULL DEFAULT 'fr',
    last_seq         INT NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    queued_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    assigned_at      TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ,
    last_message_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((status = 'open') = (assignee_id IS NOT NULL) OR status = 'resolved'),
    UNIQUE (contact_id, client_id)
);
CREATE INDEX conversations_waiting ON conversations (service_id, queued_at) WHERE status = 'waiting';
CREATE INDEX conversations_assignee ON conversations (assignee_id, status);
CREATE INDEX conversations_contact ON conversations (contact_id, created_at DESC);

-- seq is gapless per conversation (conversations.last_seq is incremented under the row lock).
CREATE TABLE messages (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id),
    seq              INT NOT NULL,
    author_kind      TEXT NOT NULL CHECK (author_kind IN ('visitor', 'agent', 'system')),
    author_staff_id  BIGINT,
    body             TEXT NOT NULL,
    internal         BOOLEAN NOT NULL DEFAULT FALSE,
    client_id        TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, client_id)
);
