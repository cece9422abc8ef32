-- The visitor's rating of a resolved conversation (1 to 5) and an optional comment; rating again replaces it.
CREATE TABLE conversation_ratings (
    conversation_id  BIGINT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    score            INT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment          TEXT CHECK (length(comment) <= 1000),
    rated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX conversation_ratings_rated ON conversation_ratings (rated_at);
