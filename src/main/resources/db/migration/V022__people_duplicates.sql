-- Possible duplicates and merges that can be undone (people.ContactMerges).

-- Keys under which two contacts look like the same person. Functions of our own rather than the unaccent
-- or fuzzystrmatch extensions: CREATE EXTENSION needs rights a hosted database may not give.

-- A name or a city with case, accents, apostrophes, hyphens and spaces ignored: "Zoé Lefebvre" and
-- "zoe lefebvre", "Saint-Jérôme" and "saint jerome" have the same key.
CREATE FUNCTION people_name_key(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN regexp_replace(translate(lower(t),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŒœÆæ',
    'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyooaa'), '[^a-z0-9]+', '', 'g');

-- An email's mailbox whatever the domain, dots and "+tag" ignored (as Gmail does): zoe.lefebvre@gmail.com,
-- zoelefebvre@gmail.com and zoe.lefebvre+cegep@hotmail.com share "zoelefebvre". NULL (never equal) for
-- short mailboxes and role addresses, which many different people share across domains.
CREATE FUNCTION people_mailbox_key(email TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (SELECT CASE WHEN length(k) >= 6 AND k NOT IN ('contact', 'info', 'admin', 'office', 'support', 'accueil',
                                                       'bonjour', 'hello', 'admissions', 'reception', 'secretariat',
                                                       'noreply', 'direction', 'webmaster') THEN k END
        FROM (SELECT replace(regexp_replace(lower(split_part(email, '@', 1)), '\+.*$', ''), '.', '') AS k) m);

CREATE INDEX contacts_duplicate_key ON contacts (people_name_key(name), people_name_key(city))
    WHERE merged_into IS NULL AND erased_at IS NULL;
CREATE INDEX contact_identities_mailbox ON contact_identities (people_mailbox_key(value)) WHERE kind = 'email';

-- "Not a duplicate": a pair staff looked at and kept apart is not proposed again (lower id first).
CREATE TABLE contact_duplicate_dismissals (
    contact_low   BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    contact_high  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    staff_id      BIGINT,
    dismissed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contact_low, contact_high),
    CHECK (contact_low < contact_high)
);

-- What else an undo puts back: which moved identities were the merged contact's primary ones, and the
-- contacts that had been merged into the merged one (they now point at the survivor).
ALTER TABLE contact_merges
    ADD COLUMN moved_primary BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN repointed     BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN undone_by     BIGINT;
CREATE INDEX contact_merges_merged ON contact_merges (merged_id);
