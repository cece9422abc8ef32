-- Webinars: the questions staff add to a registration form, for one session, every occurrence of a series, or every
-- session of a fair. Answers stay on the registration (webinar_registrations.answers, by question id); a question
-- removed is kept (removed_at) so the answers already given still have their label.
CREATE TABLE webinar_questions (
    id          BIGSERIAL PRIMARY KEY,
    session_id  BIGINT REFERENCES webinar_sessions (id),
    series_id   BIGINT REFERENCES webinar_series (id),
    event_id    BIGINT REFERENCES webinar_events (id),
    position    INT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'choices')),
    required    BOOLEAN NOT NULL DEFAULT false,
    label_fr    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    -- the choices, in both languages, in the same order: an answer is a choice's position
    options_fr  TEXT[] NOT NULL DEFAULT '{}',
    options_en  TEXT[] NOT NULL DEFAULT '{}',
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_at  TIMESTAMPTZ,
    CHECK (num_nonnulls(session_id, series_id, event_id) = 1),
    CHECK (cardinality(options_fr) = cardinality(options_en)),
    CHECK ((kind = 'text') = (cardinality(options_fr) = 0))
);
CREATE INDEX webinar_questions_session ON webinar_questions (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX webinar_questions_series ON webinar_questions (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX webinar_questions_event ON webinar_questions (event_id) WHERE event_id IS NOT NULL;
