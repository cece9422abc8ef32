-- Files sent in a conversation (images and PDF, checked by their content), one per message. The bytes live here,
-- beside the message, so a backup of the database is a backup of everything; the size is bounded by a setting
-- (GUICHET_ATTACHMENT_MAX_BYTES), and bytea is TOASTed (compressed and stored out of line) by PostgreSQL.
CREATE TABLE inbox_attachments (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id       BIGINT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type     TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
    size             INT NOT NULL CHECK (size > 0),
    data             BYTEA NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX inbox_attachments_conversation ON inbox_attachments (conversation_id);
