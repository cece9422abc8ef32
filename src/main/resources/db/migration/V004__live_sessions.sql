-- Live Q&A nights: a session, its participating services, questions and votes.
CREATE TABLE live_sessions (
    id                       BIGSERIAL PRIMARY KEY,
    slug                     TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title_fr                 TEXT NOT NULL,
    title_en                 TEXT NOT NULL,
    description_fr           TEXT NOT NULL DEFAULT '',
    description_en           TEXT NOT NULL DEFAULT '',
    starts_at                TIMESTAMPTZ NOT NULL,
    ends_at                  TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    pre_moderation           BOOLEAN NOT NULL DEFAULT TRUE,
    allow_anonymous          BOOLEAN NOT NULL DEFAULT TRUE,
    blocklist                TEXT[] NOT NULL DEFAULT '{}',
    -- Started or ended by hand; otherwise the schedule decides (see LiveSession.phase).
    started_at               TIMESTAMPTZ,
    ended_at                 TIMESTAMPTZ,
    highlighted_question_id  BIGINT,
    peak_viewers             INT NOT NULL DEFAULT 0,
    created_by               BIGINT,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Services are the inbox's: referenced by id, never joined from this module.
CREATE TABLE live_session_services (
    session_id  BIGINT NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    service_id  BIGINT NOT NULL,
    position    INT NOT NULL,
    PRIMARY KEY (session_id, service_id)
);

-- Every vote change takes the next revision, so clients keep the newest count whatever the order
-- in which nodes deliver them.
CREATE SEQUENCE live_vote_rev;

CREATE TABLE live_questions (
    id               BIGSERIAL PRIMARY KEY,
    session_id       BIGINT NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    contact_id       BIGINT NOT NULL,
    client_id        TEXT NOT NULL,
    visibility       TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    service_id       BIGINT,
    author_name      TEXT,
    body             TEXT NOT NULL,
    original_body    TEXT,           -- the asker's words, kept when a moderator edits
    status           TEXT NOT NULL CHECK (status IN ('pending', 'published', 'dismissed', 'merged', 'private')),
    held_reason      TEXT,           -- why a question waits for moderation under post-moderation
    advance          BOOLEAN NOT NULL DEFAULT FALSE,
    votes            INT NOT NULL DEFAULT 0 CHECK (votes >= 0),
    vote_rev         BIGINT NOT NULL DEFAULT 0,
    merged_into      BIGINT REFERENCES live_questions (id),
    answer           TEXT,
    answered_at      TIMESTAMPTZ,
    answered_by      BIGINT,
    conversation_id  BIGINT,         -- a private question's inbox conversation
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at     TIMESTAMPTZ,
    CHECK ((visibility = 'private') = (status = 'private')),
    UNIQUE (session_id, contact_id, client_id)
);
CREATE INDEX live_questions_session ON live_questions (session_id, status, created_at);

CREATE TABLE live_votes (
    question_id  BIGINT NOT NULL REFERENCES live_questions (id) ON DELETE CASCADE,
    contact_id   BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (question_id, contact_id)
);

-- A private question becomes an inbox conversation tagged with the session's slug. The column is the
-- inbox's (written only through InboxService); it lives in this migration because live brought it.
ALTER TABLE conversations ADD COLUMN live_session TEXT;
CREATE INDEX conversations_live_session ON conversations (live_session) WHERE live_session IS NOT NULL;
