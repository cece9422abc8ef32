-- The contact directory: accent-blind search, French name order, the emails visitors type, unique segment names.

-- "elodie" finds "Élodie" and "d'amours" finds "D’Amours". A function of our own rather than the unaccent
-- extension: CREATE EXTENSION needs rights a hosted database may not give. Upper-case letters are listed too, so
-- that the result does not depend on the database's LC_CTYPE (lower() leaves É alone under the C locale).
CREATE FUNCTION people_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN translate(lower(t),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŒœÆæ’‘ʼ`',
    'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyooaa''''''''');

-- Names sorted as a French reader expects (É with E, d'Amours with D). ICU when the server has it (the embedded
-- binaries and the usual packages do), else the system's French locale, else the default order.
DO $$
BEGIN
    BEGIN
        CREATE COLLATION people_names (provider = icu, locale = 'fr-CA');
    EXCEPTION WHEN OTHERS THEN
        BEGIN
            CREATE COLLATION people_names (provider = libc, locale = 'fr_CA.utf8');
        EXCEPTION WHEN OTHERS THEN
            CREATE COLLATION people_names FROM "default";
        END;
    END;
END $$;

CREATE INDEX contacts_name_order ON contacts ((coalesce(name, '') COLLATE people_names), id) WHERE merged_into IS NULL AND erased_at IS NULL;

-- An email or phone a visitor typed in the chat widget. It proves nothing (anyone can type anyone's address), so it
-- never becomes an identity: it stays a claim on the visitor's own contact, staff see it, and a duplicate proposal
-- can name the contact that really owns it. Only an identity joins contacts.
CREATE TABLE contact_claims (
    id          BIGSERIAL PRIMARY KEY,
    contact_id  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value       TEXT NOT NULL,
    shown       TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT 'widget',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (contact_id, kind, value)
);
CREATE INDEX contact_claims_value ON contact_claims (kind, value);

CREATE UNIQUE INDEX contact_segments_name ON contact_segments (lower(name));
