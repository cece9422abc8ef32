-- A colleague named with @ in an internal note: told live, and listed in their mentions until they open the conversation.
CREATE TABLE inbox_mentions (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id       BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    staff_id         BIGINT NOT NULL,
    by_staff_id      BIGINT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at          TIMESTAMPTZ,
    UNIQUE (message_id, staff_id)
);
CREATE INDEX inbox_mentions_staff ON inbox_mentions (staff_id, created_at DESC);
CREATE INDEX inbox_mentions_unread ON inbox_mentions (staff_id, conversation_id) WHERE read_at IS NULL;
