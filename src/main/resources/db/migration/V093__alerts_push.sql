-- Web push for emergency alerts (issue 18, RFC 8030/8291/8292). A subscription is a browser's push endpoint and its
-- keys (p256dh, auth: what the payload is encrypted to), the contact's when the page knew who they were (their
-- personal alert link), else the browser's alone (the help centre): then it receives the alerts sent to everyone.
-- A push service answering 404 or 410 deletes the subscription (it expired).
CREATE TABLE alert_push_subscriptions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint     TEXT        NOT NULL UNIQUE CHECK (length(endpoint) <= 1000),
    p256dh       TEXT        NOT NULL CHECK (length(p256dh) <= 120),
    auth         TEXT        NOT NULL CHECK (length(auth) <= 40),
    contact_id   BIGINT,
    lang         TEXT        NOT NULL CHECK (lang IN ('fr', 'en')),
    created_at   TIMESTAMPTZ NOT NULL,
    last_sent_at TIMESTAMPTZ
);
CREATE INDEX alert_push_subscriptions_contact ON alert_push_subscriptions (contact_id) WHERE contact_id IS NOT NULL;

-- What each channel that tells reported for one sending of an alert (seq 0: the alert itself; n: its n-th update):
-- push requests accepted, failed, or finding the subscription expired; SMS accepted by the gateway or failed.
CREATE TABLE alert_deliveries (
    alert_id  BIGINT NOT NULL REFERENCES alerts (id),
    seq       INT    NOT NULL,
    channel   TEXT   NOT NULL CHECK (channel IN ('push', 'sms')),
    sent      INT    NOT NULL DEFAULT 0,
    failed    INT    NOT NULL DEFAULT 0,
    expired   INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (alert_id, seq, channel)
);
