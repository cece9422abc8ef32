-- A conversation started from another module's object names it generically (origin_kind, origin_ref),
-- like kb_articles.source_kind/source_ref: the inbox owns these columns and knows nothing of the object.
-- Replaces live_session, which V004 (live) added to this table before the rule existed.
ALTER TABLE conversations ADD COLUMN origin_kind TEXT, ADD COLUMN origin_ref TEXT,
    ADD CONSTRAINT conversations_origin CHECK ((origin_kind IS NULL) = (origin_ref IS NULL));
UPDATE conversations SET origin_kind = 'live', origin_ref = live_session WHERE live_session IS NOT NULL;
DROP INDEX conversations_live_session;
ALTER TABLE conversations DROP COLUMN live_session;
CREATE INDEX conversations_origin ON conversations (origin_kind, origin_ref) WHERE origin_kind IS NOT NULL;
