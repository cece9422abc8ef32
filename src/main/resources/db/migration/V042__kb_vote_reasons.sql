-- "Non" asks why: the reader may say what was missing (one of a few reasons, and a short comment of
-- their own). Kept on the vote itself, so that a reader who changes their mind to "Oui" takes their
-- reason away with it, and the gaps report lists what readers said of the articles that did not help.
ALTER TABLE kb_votes
    ADD COLUMN reason  TEXT CHECK (reason IN ('incomplete', 'unclear', 'not_my_question', 'outdated', 'other')),
    ADD COLUMN comment TEXT CHECK (char_length(comment) <= 300);

CREATE INDEX kb_votes_unhelpful ON kb_votes (voted_at) WHERE NOT helpful;
