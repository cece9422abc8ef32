-- "Holds the text" lookups (a name or an address anywhere in it, accents and case ignored: the conversation search by
-- contact, the contact list) are LIKE '%…%' over people_fold(…); without an index each one read every contact, half a
-- second at 100,000 contacts for every conversation search with words. Trigram indexes answer them from three letters.
-- pg_trgm ships with PostgreSQL and is a trusted extension (13+): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX contacts_name_trgm ON contacts USING gin (people_fold(name) gin_trgm_ops);
CREATE INDEX contact_identities_value_trgm ON contact_identities USING gin (people_fold(value) gin_trgm_ops);
CREATE INDEX contact_claims_value_trgm ON contact_claims USING gin (people_fold(value) gin_trgm_ops);
