-- Consent under Canada's anti-spam law (CASL) and Québec's Loi 25: an append-only ledger per contact
-- and purpose. The current state is derived when reading (the latest withdrawal against the grants
-- after it); implied consent stores the date of its ground and its expiry is computed, never stored.
CREATE TABLE contact_consents (
    id            BIGSERIAL PRIMARY KEY,
    contact_id    BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    purpose       TEXT NOT NULL CHECK (purpose IN ('newsletters', 'events', 'surveys', 'alumni')),
    state         TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn')),
    basis         TEXT CHECK (basis IN ('express', 'implied')),
    -- implied consent: an inquiry (lapses 6 months after ground_at) or a relationship (lapses 2 years
    -- after it ended at ground_at; NULL while it goes on)
    ground        TEXT CHECK (ground IN ('inquiry', 'relationship')),
    ground_at     TIMESTAMPTZ,
    source        TEXT NOT NULL CHECK (source IN ('form', 'import', 'staff', 'unsubscribe_link', 'api')),
    -- the exact words shown to the person, in each language they were shown in
    wording_fr    TEXT,
    wording_en    TEXT,
    staff_id      BIGINT,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((state = 'granted') = (basis IS NOT NULL)),
    CHECK ((basis = 'implied') = (ground IS NOT NULL) OR basis IS NULL),
    CHECK (ground <> 'inquiry' OR ground_at IS NOT NULL),
    CHECK (state = 'withdrawn' OR wording_fr IS NOT NULL OR wording_en IS NOT NULL)
);
CREATE INDEX contact_consents_contact ON contact_consents (contact_id, purpose, at DESC, id DESC);

-- Append-only: no row is ever changed. Erasure deletes the grants of an erased person (see PrivacyService).
CREATE FUNCTION contact_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the consent ledger is append-only';
END $$;
CREATE TRIGGER contact_consents_no_update BEFORE UPDATE ON contact_consents
    FOR EACH ROW EXECUTE FUNCTION contact_consents_append_only();

-- Who among staff read, exported, erased, merged or changed the consent of which contact, when and
-- from where. No foreign key: an entry outlives whatever it names.
CREATE TABLE contact_audit (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    staff_id    BIGINT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('read', 'export', 'erase', 'merge', 'consent', 'retention')),
    contact_id  BIGINT,
    client_ip   TEXT,
    detail      TEXT
);
CREATE INDEX contact_audit_at ON contact_audit (at DESC, id DESC);
CREATE INDEX contact_audit_contact ON contact_audit (contact_id, at DESC);
CREATE TRIGGER contact_audit_no_update BEFORE UPDATE OR DELETE ON contact_audit
    FOR EACH ROW EXECUTE FUNCTION contact_consents_append_only();

-- What erasure and retention do, per contact kind ('none': contacts of no kind, such as web visitors).
-- on_erase: keep conversations and questions under an anonymous "former contact", or delete them.
-- retention_months: no activity for so long and the contact is anonymised; NULL: never.
CREATE TABLE contact_privacy_rules (
    kind              TEXT PRIMARY KEY CHECK (kind IN ('none', 'prospect', 'parent', 'student', 'alumnus', 'partner', 'professor', 'employer')),
    on_erase          TEXT NOT NULL DEFAULT 'keep' CHECK (on_erase IN ('keep', 'delete')),
    retention_months  INT CHECK (retention_months BETWEEN 1 AND 600),
    updated_by        BIGINT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO contact_privacy_rules (kind) VALUES ('none'), ('prospect'), ('parent'), ('student'), ('alumnus'), ('partner'), ('professor'), ('employer');
