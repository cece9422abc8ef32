-- Webinars: series (recurring), events (fairs over several days, with tracks), sessions (each occurrence or slot),
-- registrations with a waitlist in arrival order, and series registrations that cover future occurrences.

CREATE TABLE webinar_series (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title_fr        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    -- The rule as staff gave it (Recurrence): kept to say it back, the sessions are its occurrences.
    rule_kind       TEXT NOT NULL CHECK (rule_kind IN ('weekly', 'dates')),
    weekday         SMALLINT CHECK (weekday BETWEEN 1 AND 7),
    local_time      TIME NOT NULL,
    minutes         INT NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    from_date       DATE,
    until_date      DATE,
    dates           DATE[] NOT NULL DEFAULT '{}',
    exceptions      DATE[] NOT NULL DEFAULT '{}',
    zone            TEXT NOT NULL,
    created_by      BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webinar_events (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title_fr        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    description_fr  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    first_day       DATE NOT NULL,
    last_day        DATE NOT NULL CHECK (last_day >= first_day),
    tracks          TEXT[] NOT NULL DEFAULT '{}',
    created_by      BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webinar_sessions (
    id                  BIGSERIAL PRIMARY KEY,
    series_id           BIGINT REFERENCES webinar_series (id),
    event_id            BIGINT REFERENCES webinar_events (id),
    track               TEXT,
    kind                TEXT NOT NULL DEFAULT 'webinar' CHECK (kind IN ('webinar', 'talk')),
    title_fr            TEXT NOT NULL,
    title_en            TEXT NOT NULL,
    -- Markdown, rendered through platform.Markdown (raw HTML escaped, then sanitised)
    description_fr      TEXT NOT NULL DEFAULT '',
    description_en      TEXT NOT NULL DEFAULT '',
    speakers            TEXT[] NOT NULL DEFAULT '{}',
    capacity            INT CHECK (capacity > 0),
    lang                TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    audiences           TEXT[] NOT NULL DEFAULT '{}',
    starts_at           TIMESTAMPTZ NOT NULL,
    ends_at             TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    -- Without BigBlueButton: the Teams, Zoom or Meet link staff pasted
    external_url        TEXT,
    -- Its Q&A wall: a live session (module live), referenced by id
    live_session_id     BIGINT,
    -- The .ics SEQUENCE: raised when the time changes or the session is cancelled
    ics_sequence        INT NOT NULL DEFAULT 0,
    -- Seats taken: kept on the row that is locked to register, so the count never needs a scan under the lock
    registered          INT NOT NULL DEFAULT 0,
    cancelled_at        TIMESTAMPTZ,
    created_by          BIGINT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (capacity IS NULL OR registered <= capacity)
);
CREATE INDEX webinar_sessions_upcoming ON webinar_sessions (starts_at) WHERE cancelled_at IS NULL;
CREATE INDEX webinar_sessions_series ON webinar_sessions (series_id, starts_at);
CREATE INDEX webinar_sessions_event ON webinar_sessions (event_id, starts_at);

CREATE TABLE webinar_series_registrations (
    id              BIGSERIAL PRIMARY KEY,
    series_id       BIGINT NOT NULL REFERENCES webinar_series (id),
    contact_id      BIGINT NOT NULL,
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    client_id       TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    cancelled_at    TIMESTAMPTZ,
    UNIQUE (series_id, email),
    UNIQUE (series_id, client_id)
);

-- Arrival order of registrations (the waitlist's), taken under the session's row lock, so it is the order of the lock
CREATE SEQUENCE webinar_arrival;

CREATE TABLE webinar_registrations (
    id                      BIGSERIAL PRIMARY KEY,
    session_id              BIGINT NOT NULL REFERENCES webinar_sessions (id),
    series_registration_id  BIGINT REFERENCES webinar_series_registrations (id),
    contact_id              BIGINT NOT NULL,
    -- lower case: the same address typed twice is the same registration
    email                   TEXT NOT NULL,
    name                    TEXT NOT NULL,
    lang                    TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    client_id               TEXT,
    answers                 JSONB NOT NULL DEFAULT '{}',
    status                  TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    arrival                 BIGINT NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    promoted_at             TIMESTAMPTZ,
    cancelled_at            TIMESTAMPTZ,
    UNIQUE (session_id, email),
    UNIQUE (session_id, client_id)
);
CREATE INDEX webinar_registrations_waitlist ON webinar_registrations (session_id, arrival) WHERE status = 'waitlisted';
CREATE INDEX webinar_registrations_contact ON webinar_registrations (contact_id);
