-- The page's public wall (issue 19): comments on the page's posts arrive by the same signed webhook (field "feed").
-- A person's comments on one post are one public conversation: its thread keeps their contact, the conversation and
-- the last comment, under which the console's public replies are posted.
CREATE TABLE facebook_comment_threads (
    channel_id       BIGINT NOT NULL,
    post_id          TEXT NOT NULL,
    from_id          TEXT NOT NULL,
    contact_id       BIGINT NOT NULL,
    conversation_id  BIGINT UNIQUE,
    last_comment_id  TEXT NOT NULL,
    last_inbound_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, post_id, from_id)
);

-- Each comment posted, by Meta's comment_id: a redelivered comment is posted once.
CREATE TABLE facebook_comments (
    comment_id       TEXT PRIMARY KEY,
    event_id         BIGINT NOT NULL,
    channel_id       BIGINT NOT NULL,
    conversation_id  BIGINT NOT NULL,
    posted_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The outbound queue carries the three ways out: a Messenger message to a PSID, a public reply under a comment, and a
-- private reply to a comment (Messenger's one message to its author, which opens a conversation with them).
ALTER TABLE messenger_outbox RENAME COLUMN psid TO recipient;
ALTER TABLE messenger_outbox ADD COLUMN target TEXT NOT NULL DEFAULT 'message' CHECK (target IN ('message', 'comment', 'private'));
