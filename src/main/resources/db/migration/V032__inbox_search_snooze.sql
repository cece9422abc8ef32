-- Conversation search is PostgreSQL full-text search rather than the Lucene index the help centre uses: the
-- filters (service, status, dates, labels) and the reader's rights are columns of these same rows, so one query
-- pages through all of it under one snapshot, with nothing to rebuild at start-up nor to keep current on every node.
-- Words are folded as contacts are (people_fold: case and French accents, so "eleve" finds "élève") and kept as
-- they are ('simple': no stemming, which would stem names and email addresses too); a word's beginning matches it.
CREATE FUNCTION inbox_search_doc(body TEXT) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN to_tsvector('simple', people_fold(body));

CREATE INDEX messages_search ON messages USING gin (inbox_search_doc(body)) WHERE author_kind <> 'system';
-- Search results and their cursor: newest activity first.
CREATE INDEX conversations_activity ON conversations (last_message_at DESC, id DESC);

-- Snoozed (snoozed_at set): out of the active lists until snoozed_until, or with no time until the visitor writes.
ALTER TABLE conversations ADD COLUMN snoozed_at TIMESTAMPTZ, ADD COLUMN snoozed_until TIMESTAMPTZ, ADD COLUMN snoozed_by BIGINT,
    ADD CONSTRAINT conversations_snooze CHECK (snoozed_at IS NOT NULL OR (snoozed_until IS NULL AND snoozed_by IS NULL));
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE snoozed_until IS NOT NULL;
