-- The exam helpdesk: faculties and their exam offices, sittings with their professors and registered students, and
-- the incidents of students during a sitting, with who was told, who acknowledged, the escalation and the outcome.
CREATE TABLE desk_faculties (
    id                BIGSERIAL PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    exam_office_email TEXT NOT NULL,
    backup_name       TEXT,
    backup_email      TEXT NOT NULL
);

-- Staff accounts of role faculty and the faculty whose incidents they see.
CREATE TABLE desk_faculty_members (
    faculty_id BIGINT NOT NULL REFERENCES desk_faculties (id),
    staff_id   BIGINT NOT NULL,
    PRIMARY KEY (faculty_id, staff_id)
);

CREATE TABLE desk_sittings (
    id               BIGSERIAL PRIMARY KEY,
    sitting_ref      TEXT NOT NULL UNIQUE,
    course_code      TEXT NOT NULL,
    course_title     TEXT NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    duration_minutes INT NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    mode             TEXT NOT NULL CHECK (mode IN ('remote', 'on_campus')),
    faculty_id       BIGINT NOT NULL REFERENCES desk_faculties (id),
    resit_of         BIGINT REFERENCES desk_sittings (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX desk_sittings_start ON desk_sittings (starts_at);

CREATE TABLE desk_sitting_professors (
    sitting_id BIGINT NOT NULL REFERENCES desk_sittings (id),
    contact_id BIGINT NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    PRIMARY KEY (sitting_id, contact_id)
);

CREATE TABLE desk_sitting_students (
    sitting_id     BIGINT NOT NULL REFERENCES desk_sittings (id),
    student_number TEXT NOT NULL,
    PRIMARY KEY (sitting_id, student_number)
);

CREATE TABLE desk_incidents (
    id                    BIGSERIAL PRIMARY KEY,
    client_id             TEXT NOT NULL UNIQUE,
    sitting_id            BIGINT NOT NULL REFERENCES desk_sittings (id),
    contact_id            BIGINT NOT NULL,
    category              TEXT NOT NULL CHECK (category IN ('connection', 'platform', 'proctoring', 'outage', 'lost_time', 'other')),
    description           TEXT NOT NULL,
    started_at            TIMESTAMPTZ NOT NULL,
    conversation_id       BIGINT,
    call_id               TEXT,
    after_end             BOOLEAN NOT NULL,
    created_by            BIGINT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    notified_at           TIMESTAMPTZ NOT NULL,
    acknowledged_at       TIMESTAMPTZ,
    acknowledged_by       TEXT,
    escalated_at          TIMESTAMPTZ,
    outcome_kind          TEXT CHECK (outcome_kind IN ('continue', 'resit', 'oral', 'no_action', 'other')),
    outcome_message       TEXT,
    outcome_extra_minutes INT,
    oral_at               TIMESTAMPTZ,
    oral_where            TEXT,
    resit_sitting_id      BIGINT REFERENCES desk_sittings (id),
    outcome_at            TIMESTAMPTZ,
    outcome_by            TEXT
);
CREATE INDEX desk_incidents_sitting ON desk_incidents (sitting_id);
CREATE INDEX desk_incidents_unacknowledged ON desk_incidents (created_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
