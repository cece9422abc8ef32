-- What the visitor was told: the last sequence they saw (delivered to their widget live, fetched, or mailed to
-- them). untold_since is when the oldest public staff reply after it was written; a reply still untold some
-- minutes later (GUICHET_OFFLINE_REPLY_AFTER_SECONDS) goes by email. answered_by_email: a reply went by mail,
-- so the console says the conversation will be answered by email.
ALTER TABLE conversations ADD COLUMN visitor_told_seq INT NOT NULL DEFAULT 0, ADD COLUMN untold_since TIMESTAMPTZ,
    ADD COLUMN answered_by_email BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE conversations SET visitor_told_seq = last_seq;
CREATE INDEX conversations_untold ON conversations (untold_since) WHERE untold_since IS NOT NULL;
