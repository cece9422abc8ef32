-- The chat sessions an applicant's page opened (POST /api/v1/me/journey/chat), by the hash of their visitor token:
-- a conversation started in one carries the journey as its origin (the inbox asks through its ConversationOrigins port).
CREATE TABLE journey_chats (
    token_hash    text PRIMARY KEY,
    enrolment_id  bigint NOT NULL REFERENCES journey_enrolments (id) ON DELETE CASCADE,
    opened_at     timestamptz NOT NULL
);
CREATE INDEX journey_chats_enrolment ON journey_chats (enrolment_id);
