-- Webinars' video rooms (BigBlueButton or a pasted link), who attended, and the follow-up mails sent once each.

-- One row per session whose room was asked for: created on BigBlueButton under its row lock (so two first clicks on
-- two nodes create it once), polled every minute while it runs, ended by the end callback, its replay once ready.
CREATE TABLE webinar_rooms (
    session_id      BIGINT PRIMARY KEY REFERENCES webinar_sessions (id),
    meeting_id      TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ,
    ended_at        TIMESTAMPTZ,
    polled_at       TIMESTAMPTZ,
    record_id       TEXT,
    replay_url      TEXT,
    replay_at       TIMESTAMPTZ
);

-- One row per registration that came: first click, first and last presence in the room, seconds inside;
-- present_since is set while the room's attendee list (or the webhooks) show them inside.
CREATE TABLE webinar_attendance (
    registration_id BIGINT PRIMARY KEY REFERENCES webinar_registrations (id),
    session_id      BIGINT NOT NULL REFERENCES webinar_sessions (id),
    clicked_at      TIMESTAMPTZ,
    joined_at       TIMESTAMPTZ,
    left_at         TIMESTAMPTZ,
    seconds         INT NOT NULL DEFAULT 0 CHECK (seconds >= 0),
    present_since   TIMESTAMPTZ
);
CREATE INDEX webinar_attendance_session ON webinar_attendance (session_id);

-- A mail of the session's life (reminders, "it starts now", the replay) claimed by one node for one registration:
-- the primary key is the claim, so two nodes never send the same one twice.
CREATE TABLE webinar_mails_sent (
    registration_id BIGINT NOT NULL REFERENCES webinar_registrations (id),
    kind            TEXT NOT NULL CHECK (kind IN ('reminder', 'last_reminder', 'starting', 'replay')),
    sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, kind)
);
