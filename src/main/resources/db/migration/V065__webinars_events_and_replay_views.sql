-- Webinars: rooms whose server sends bbb-webhooks' events (then who is inside comes from user-joined/user-left, to the
-- second, and the minute's poll no longer moves anyone), and each time a replay link was followed.
ALTER TABLE webinar_rooms ADD COLUMN events_at TIMESTAMPTZ;

CREATE TABLE webinar_replay_views (
    id              BIGSERIAL PRIMARY KEY,
    session_id      BIGINT NOT NULL REFERENCES webinar_sessions (id),
    registration_id BIGINT REFERENCES webinar_registrations (id),
    viewed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX webinar_replay_views_session ON webinar_replay_views (session_id);
