-- The outbox: a mail is stored in the transaction of the action that causes it, rendered (subject, text and
-- HTML parts, headers), with its Message-ID fixed, so that a sender on any node sends exactly what was queued,
-- and a re-send after a crash carries the same Message-ID.
CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      TEXT        NOT NULL UNIQUE,
    -- queued: waiting to be sent (or retried); sent; failed (a permanent refusal, or retries given up);
    -- kept: no SMTP server was configured when it was queued — shown in the mail viewer, never sent.
    status          TEXT        NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'kept')),
    -- 0 a single transactional mail, 1 a single mail needing consent or a bulk of transactional ones, 2 bulk
    -- mail needing consent: the sender takes the lowest first.
    priority        SMALLINT    NOT NULL,
    purpose         TEXT        NOT NULL,
    contact_id      BIGINT,
    recipient       TEXT        NOT NULL,
    recipient_name  TEXT,
    lang            TEXT        NOT NULL CHECK (lang IN ('fr', 'en')),
    kind            TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    text_body       TEXT        NOT NULL,
    html_body       TEXT        NOT NULL,
    in_reply_to     TEXT,
    refs            TEXT,
    unsubscribe_url TEXT,
    queued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- when the sender may next try: now, or after a temporary failure's back-off
    due_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- a sender's lease: while it runs, no other sender takes the mail; a sender killed mid-send lets it lapse
    claimed_until   TIMESTAMPTZ,
    claimed_by      TEXT,
    attempts        INT         NOT NULL DEFAULT 0,
    last_error      TEXT,
    done_at         TIMESTAMPTZ
);

-- What the senders take: due mails by priority, then age.
CREATE INDEX mail_outbox_due ON mail_outbox (priority, due_at, id) WHERE status = 'queued';
-- The mail viewer and GET /api/v1/mail: newest first, by status or not.
CREATE INDEX mail_outbox_by_status ON mail_outbox (status, id DESC);

-- One token bucket for the whole cluster: every sender takes its sends from this row, so GUICHET_MAIL_RATE
-- is the cluster's rate whatever the number of nodes.
CREATE TABLE mail_rate (
    id          INT PRIMARY KEY CHECK (id = 1),
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ      NOT NULL
);
INSERT INTO mail_rate (id, tokens, refilled_at) VALUES (1, 0, now());
