-- How the visitor was asked to rate a resolved conversation: the widget drew the rating form ('widget'), a mail
-- asked them ('mail'), or they could not be asked ('none': no address). One row per conversation, ever: a
-- conversation reopened and resolved again is not asked twice, and the mail pass never sends a second mail.
CREATE TABLE conversation_rating_asks (
    conversation_id  BIGINT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    way              TEXT NOT NULL CHECK (way IN ('widget', 'mail', 'none')),
    asked_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The mail pass reads the conversations resolved in the last days.
CREATE INDEX conversations_resolved ON conversations (resolved_at) WHERE status = 'resolved';
