-- One record per person: what the institution knows about a contact, every way it reaches them,
-- and everything that happened with them.

ALTER TABLE contacts
    ADD COLUMN kinds            TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN programme        TEXT,
    ADD COLUMN graduation_year  INT CHECK (graduation_year BETWEEN 1900 AND 2200),
    ADD COLUMN organisation     TEXT,
    ADD COLUMN city             TEXT,
    ADD COLUMN postal_code      TEXT,
    ADD COLUMN country          TEXT CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN tags             TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN custom           JSONB NOT NULL DEFAULT '{}',
    -- A merged contact stays, pointing at the one it was merged into, so that the merge can be undone
    -- and references held by other modules (conversations, questions) still resolve.
    ADD COLUMN merged_into      BIGINT REFERENCES contacts (id),
    ADD COLUMN erased_at        TIMESTAMPTZ,
    ADD COLUMN last_activity_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE contacts ADD CONSTRAINT contacts_kinds CHECK (kinds <@ ARRAY['prospect', 'parent', 'student', 'alumnus', 'partner', 'professor', 'employer']);
UPDATE contacts SET last_activity_at = updated_at;
CREATE INDEX contacts_kinds ON contacts USING gin (kinds);
CREATE INDEX contacts_tags ON contacts USING gin (tags);
CREATE INDEX contacts_activity ON contacts (last_activity_at DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX contacts_merged_into ON contacts (merged_into) WHERE merged_into IS NOT NULL;

-- Every way a contact reaches us, unique per kind: the same email or phone arriving through two
-- channels finds the same contact. Values are normalised (emails lower-case, phones E.164, visitor
-- tokens hashed); `shown` keeps what the person typed.
CREATE TABLE contact_identities (
    id            BIGSERIAL PRIMARY KEY,
    contact_id    BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'student_number', 'visitor', 'messenger')),
    value         TEXT NOT NULL,
    shown         TEXT,
    is_primary    BOOLEAN NOT NULL DEFAULT FALSE,
    source        TEXT NOT NULL DEFAULT 'web',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (kind, value)
);
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

INSERT INTO contact_identities (contact_id, kind, value, shown, is_primary, created_at, last_seen_at)
SELECT DISTINCT ON (lower(email)) id, 'email', lower(email), email, TRUE, created_at, updated_at
FROM contacts WHERE email IS NOT NULL AND email <> '' ORDER BY lower(email), id;
INSERT INTO contact_identities (contact_id, kind, value, created_at, last_seen_at)
SELECT contact_id, 'visitor', token_hash, created_at, last_seen FROM visitor_sessions;
DROP TABLE visitor_sessions;
ALTER TABLE contacts DROP COLUMN email, DROP COLUMN kind;

-- Fields an admin adds to every contact (text, number, date, choice); values live in contacts.custom.
CREATE TABLE contact_fields (
    key         TEXT PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_fr    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice')),
    choices     TEXT[] NOT NULL DEFAULT '{}',
    position    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What happened with a person, newest first, written by every module through PeopleService.
-- `what` names the event (chat.started, live.question, mail.failed…), `params` what it needs to be
-- told in either language, `ref_kind`/`ref_id` the thing itself (a conversation, a question…).
CREATE TABLE contact_timeline (
    id          BIGSERIAL PRIMARY KEY,
    contact_id  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    module      TEXT NOT NULL,
    what        TEXT NOT NULL,
    params      JSONB NOT NULL DEFAULT '{}',
    ref_kind    TEXT,
    ref_id      TEXT,
    staff_id    BIGINT
);
CREATE INDEX contact_timeline_contact ON contact_timeline (contact_id, at DESC, id DESC);

-- A saved filter of the contact list.
CREATE TABLE contact_segments (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    filter      JSONB NOT NULL,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A merge, with what moved, so that it can be undone for 30 days.
CREATE TABLE contact_merges (
    id                 BIGSERIAL PRIMARY KEY,
    survivor_id        BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    merged_id          BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    moved_identities   BIGINT[] NOT NULL DEFAULT '{}',
    moved_entries      BIGINT[] NOT NULL DEFAULT '{}',
    survivor_before    JSONB NOT NULL,
    staff_id           BIGINT,
    merged_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    undone_at          TIMESTAMPTZ
);
CREATE INDEX contact_merges_contacts ON contact_merges (survivor_id, merged_id);
