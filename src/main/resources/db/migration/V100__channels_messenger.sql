-- Configured channels (issue 19): a Facebook page on Messenger, or an email address. settings holds what may be
-- shown (page id, address); secrets the page access token, app secret, verify token or IMAP address, encrypted with
-- AES-GCM under a server key (identity_secrets): never returned by the API, never logged. Health is kept on the row:
-- the last event received, the last error and when.
CREATE TABLE channels (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('messenger', 'email')),
    name            TEXT NOT NULL,
    service_id      BIGINT NOT NULL,
    page_id         TEXT UNIQUE,
    address         TEXT UNIQUE,
    secrets         BYTEA NOT NULL,
    status          TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    last_event_at   TIMESTAMPTZ,
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (kind <> 'messenger' OR page_id IS NOT NULL),
    CHECK (kind <> 'email' OR address IS NOT NULL)
);

-- Every signed webhook POST, raw, before anything is read from it (nothing lost if processing fails; retried with
-- a growing delay by whichever node takes it). An identical redelivery (same bytes) is stored once.
CREATE TABLE messenger_events (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id       BIGINT NOT NULL,
    body_sha256      TEXT NOT NULL UNIQUE,
    raw              BYTEA NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    status           TEXT NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'processed', 'failed')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error       TEXT
);
CREATE INDEX messenger_events_waiting ON messenger_events (next_attempt_at) WHERE status = 'stored';

-- Each message posted, by Meta's message.mid: a redelivered mid in another batch is posted once.
CREATE TABLE messenger_messages (
    mid              TEXT PRIMARY KEY,
    event_id         BIGINT NOT NULL,
    channel_id       BIGINT NOT NULL,
    psid             TEXT NOT NULL,
    conversation_id  BIGINT NOT NULL,
    posted_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A page's conversation with one person (PSID): their contact, the inbox conversation and the time of their last
-- message, which opens the 24-hour standard messaging window.
CREATE TABLE messenger_threads (
    channel_id       BIGINT NOT NULL,
    psid             TEXT NOT NULL,
    contact_id       BIGINT NOT NULL,
    conversation_id  BIGINT,
    last_inbound_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, psid)
);
CREATE UNIQUE INDEX messenger_threads_conversation ON messenger_threads (conversation_id);

-- Staff replies on their way to the Send API: stored, sending (claimed by one node), sent (Meta's message id) or
-- failed (reason: window_closed, token_expired, refused, gave_up), retried with backoff until then.
CREATE TABLE messenger_outbox (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id        BIGINT NOT NULL,
    conversation_id   BIGINT NOT NULL,
    message_id        BIGINT NOT NULL UNIQUE,
    psid              TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'sending', 'sent', 'failed')),
    reason            TEXT,
    attempts          INT NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at        TIMESTAMPTZ,
    graph_message_id  TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at           TIMESTAMPTZ
);
CREATE INDEX messenger_outbox_due ON messenger_outbox (next_attempt_at) WHERE status = 'stored';
CREATE INDEX messenger_outbox_conversation ON messenger_outbox (conversation_id);
