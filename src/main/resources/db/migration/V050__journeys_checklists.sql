-- Admission journeys: templates (one row per version), their steps, enrolments, progress, documents, reminders.
-- A template's versions share a family_id; an enrolment stays on the version it was made on until moved.
CREATE TABLE journey_templates (
    id          bigserial PRIMARY KEY,
    family_id   bigint NOT NULL,
    version     int NOT NULL,
    name_fr     text NOT NULL,
    name_en     text NOT NULL,
    term_start  date NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint,
    UNIQUE (family_id, version)
);

-- step_key is stable across a family's versions: progress is kept by key, so moving to a new version keeps it.
CREATE TABLE journey_steps (
    id                 bigserial PRIMARY KEY,
    template_id        bigint NOT NULL REFERENCES journey_templates (id) ON DELETE CASCADE,
    position           int NOT NULL,
    step_key           text NOT NULL,
    title_fr           text NOT NULL,
    title_en           text NOT NULL,
    help_fr            text NOT NULL DEFAULT '',
    help_en            text NOT NULL DEFAULT '',
    service_id         bigint,
    document_required  boolean NOT NULL,
    accepted_types     text[] NOT NULL DEFAULT '{}',
    max_bytes          int NOT NULL DEFAULT 0,
    approval_required  boolean NOT NULL,
    due_kind           text NOT NULL CHECK (due_kind IN ('none', 'fixed', 'term', 'step')),
    due_date           date,
    due_days           int,
    due_after_key      text,
    UNIQUE (template_id, step_key),
    UNIQUE (template_id, position)
);

CREATE TABLE journey_enrolments (
    id           bigserial PRIMARY KEY,
    family_id    bigint NOT NULL,
    template_id  bigint NOT NULL REFERENCES journey_templates (id),
    contact_id   bigint NOT NULL,
    email        text NOT NULL,
    name         text,
    lang         text NOT NULL,
    enrolled_at  timestamptz NOT NULL,
    UNIQUE (family_id, contact_id)
);
CREATE INDEX journey_enrolments_email ON journey_enrolments (lower(email));
CREATE INDEX journey_enrolments_template ON journey_enrolments (template_id);

-- One row per step the applicant or staff acted on; a step without a row is still to do.
CREATE TABLE journey_progress (
    enrolment_id  bigint NOT NULL REFERENCES journey_enrolments (id) ON DELETE CASCADE,
    step_key      text NOT NULL,
    state         text NOT NULL CHECK (state IN ('submitted', 'approved', 'refused')),
    reason        text,
    changed_at    timestamptz NOT NULL,
    decided_by    bigint,
    PRIMARY KEY (enrolment_id, step_key)
);

CREATE TABLE journey_documents (
    id            bigserial PRIMARY KEY,
    enrolment_id  bigint NOT NULL REFERENCES journey_enrolments (id) ON DELETE CASCADE,
    step_key      text NOT NULL,
    name          text NOT NULL,
    content_type  text NOT NULL,
    size          int NOT NULL,
    sha256        text NOT NULL,
    data          bytea NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    current       boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX journey_documents_current ON journey_documents (enrolment_id, step_key) WHERE current;

CREATE TABLE journey_reminders (
    id            bigserial PRIMARY KEY,
    enrolment_id  bigint NOT NULL REFERENCES journey_enrolments (id) ON DELETE CASCADE,
    sent_at       timestamptz NOT NULL,
    mail_id       bigint NOT NULL,
    steps         text[] NOT NULL,
    late          int NOT NULL
);
CREATE INDEX journey_reminders_enrolment ON journey_reminders (enrolment_id, sent_at DESC);
