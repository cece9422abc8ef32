-- The email channel. A conversation's mail thread: the Message-ID of its first mail (the root every later mail
-- names in References) and of the last one in either direction (what the next mail answers).
CREATE TABLE email_threads (
    conversation_id  BIGINT PRIMARY KEY,
    root_message_id  TEXT NOT NULL,
    last_message_id  TEXT NOT NULL
);

-- Every Message-ID of a thread, ours and the visitor's: an answer that lost its Reply-To token still finds its
-- conversation through In-Reply-To or References.
CREATE TABLE email_thread_messages (
    message_id       TEXT PRIMARY KEY,
    conversation_id  BIGINT NOT NULL
);

-- Inbound mail, stored raw before anything else (nothing is lost if parsing fails), once per Message-ID
-- (an IMAP redelivery stores nothing new). status: stored (not yet handled), posted (in a conversation),
-- ignored (an auto-reply, a bounce, a forged or missing token: reason says which), failed (could not be read).
CREATE TABLE email_inbound (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id       TEXT NOT NULL UNIQUE,
    raw              BYTEA NOT NULL,
    size             INT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    status           TEXT NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'posted', 'ignored', 'failed')),
    reason           TEXT,
    from_address     TEXT,
    subject          TEXT,
    conversation_id  BIGINT,
    contact_id       BIGINT,
    handled_at       TIMESTAMPTZ
);
CREATE INDEX email_inbound_waiting ON email_inbound (id) WHERE status = 'stored';
CREATE INDEX email_inbound_conversation ON email_inbound (conversation_id) WHERE conversation_id IS NOT NULL;
