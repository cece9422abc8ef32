-- Files a mail carries (a calendar invitation's .ics): stored beside the mail, sent as parts of multipart/mixed.
CREATE TABLE mail_attachments (
    mail_id       BIGINT NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    position      INT NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    content       BYTEA NOT NULL,
    PRIMARY KEY (mail_id, position)
);
