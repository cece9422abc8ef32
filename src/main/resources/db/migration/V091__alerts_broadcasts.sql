-- Emergency broadcasts (issue 18): templates prepared in calm times, alerts with their two-person approval, each
-- recipient's acknowledgement, the follow-ups and the all-clear, and an audit log of every step.
CREATE TABLE alert_templates (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key           TEXT    NOT NULL UNIQUE,
    name_fr       TEXT    NOT NULL,
    name_en       TEXT    NOT NULL,
    -- CAP's category and the severity the composer starts from
    category      TEXT    NOT NULL,
    severity      TEXT    NOT NULL CHECK (severity IN ('Extreme', 'Severe', 'Moderate', 'Minor')),
    short_fr      TEXT    NOT NULL,
    long_fr       TEXT    NOT NULL,
    short_en      TEXT    NOT NULL,
    long_en       TEXT    NOT NULL,
    -- an administrator's exception to the two-person rule for this template (logged in alert_audit)
    single_person BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE alerts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template_id   BIGINT REFERENCES alert_templates (id),
    status        TEXT        NOT NULL CHECK (status IN ('draft', 'sending', 'closed')),
    category      TEXT        NOT NULL,
    severity      TEXT        NOT NULL CHECK (severity IN ('Extreme', 'Severe', 'Moderate', 'Minor')),
    -- {"kind":"everyone"} | {"kind":"kinds","kinds":[...]} | {"kind":"segment","segmentId":n}
    audience      JSONB       NOT NULL,
    channels      TEXT[]      NOT NULL,
    help_service  TEXT        NOT NULL,
    short_fr      TEXT        NOT NULL,
    long_fr       TEXT        NOT NULL,
    short_en      TEXT        NOT NULL,
    long_en       TEXT        NOT NULL,
    created_by    BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    approved_by   BIGINT,
    approved_at   TIMESTAMPTZ,
    approved_alone BOOLEAN    NOT NULL DEFAULT FALSE,
    closed_at     TIMESTAMPTZ
);
CREATE INDEX alerts_open ON alerts (status, approved_at DESC);

-- Follow-ups and the all-clear, in order (seq per alert).
CREATE TABLE alert_updates (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id        BIGINT      NOT NULL REFERENCES alerts (id),
    seq             INT         NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('update', 'allclear')),
    short_fr        TEXT        NOT NULL,
    long_fr         TEXT        NOT NULL,
    short_en        TEXT        NOT NULL,
    long_en         TEXT        NOT NULL,
    only_unanswered BOOLEAN     NOT NULL DEFAULT FALSE,
    created_by      BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (alert_id, seq)
);

-- One row per person reached: the acknowledgement is a state of it, so the same link again updates, never duplicates.
CREATE TABLE alert_recipients (
    alert_id        BIGINT      NOT NULL REFERENCES alerts (id),
    contact_id      BIGINT      NOT NULL,
    name            TEXT,
    email           TEXT,
    lang            TEXT        NOT NULL,
    mail_ids        BIGINT[]    NOT NULL DEFAULT '{}',
    state           TEXT        NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'safe', 'help')),
    message         TEXT,
    location        TEXT,
    opened_at       TIMESTAMPTZ,
    answered_at     TIMESTAMPTZ,
    conversation_id BIGINT,
    PRIMARY KEY (alert_id, contact_id)
);

-- Who did what, when: "we controlled the message from start to finish". Append-only.
CREATE TABLE alert_audit (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id   BIGINT,
    template_id BIGINT,
    at         TIMESTAMPTZ NOT NULL,
    staff_id   BIGINT      NOT NULL,
    staff_name TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    detail     TEXT
);
CREATE INDEX alert_audit_by_alert ON alert_audit (alert_id, id);
CREATE FUNCTION alert_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_audit is append-only';
END $$;
CREATE TRIGGER alert_audit_append_only BEFORE UPDATE OR DELETE ON alert_audit FOR EACH ROW EXECUTE FUNCTION alert_audit_append_only();
