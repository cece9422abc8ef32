-- "Was this helpful?": one vote per reader (the help centre's guichet_reader cookie) and article; a
-- second vote replaces the first. kb_articles.helpful_yes / helpful_no stay the totals, moved in the
-- same transaction as each vote (votes counted before this table have no reader).
CREATE TABLE kb_votes (
    article_id  BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    reader      TEXT NOT NULL,
    helpful     BOOLEAN NOT NULL,
    voted_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, reader)
);
