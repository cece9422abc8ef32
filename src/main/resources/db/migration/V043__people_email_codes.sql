-- A code mailed to an address a chat visitor typed, to be typed back in the same chat session: the proof that the
-- visitor reads that mailbox, after which the address is an identity (the same email twice is one contact).
-- Only a salted hash of the code is kept; a code lives 15 minutes and takes at most 5 tries.
CREATE TABLE contact_email_codes (
    id          BIGSERIAL PRIMARY KEY,
    contact_id  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    shown       TEXT NOT NULL,
    salt        TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    attempts    INT NOT NULL DEFAULT 0,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX contact_email_codes_contact ON contact_email_codes (contact_id, created_at DESC);
CREATE INDEX contact_email_codes_email ON contact_email_codes (email, created_at DESC);
