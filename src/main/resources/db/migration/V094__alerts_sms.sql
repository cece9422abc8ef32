-- SMS for emergency alerts (issue 18): the institution's gateway as the administrator set it on /alerts/settings (one
-- row): its URL, the header carrying its credential, the JSON body template. The credential is sealed (AES-256-GCM,
-- platform.SecretBox under a server key): never shown back, never logged.
CREATE TABLE alert_settings (
    id              BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (id),
    sms_url         TEXT        CHECK (length(sms_url) <= 500),
    sms_header_name TEXT        CHECK (length(sms_header_name) <= 64),
    sms_secret      BYTEA,
    sms_body        TEXT        CHECK (length(sms_body) <= 2000),
    updated_by      BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- The number an alert's SMS went to (E.164), kept only when the alert took the SMS channel.
ALTER TABLE alert_recipients ADD COLUMN phone TEXT;
