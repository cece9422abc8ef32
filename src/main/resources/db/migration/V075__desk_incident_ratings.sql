-- The student's rating of how their exam incident was handled, given once on their page after the outcome.
CREATE TABLE desk_incident_ratings (
    incident_id BIGINT PRIMARY KEY REFERENCES desk_incidents (id),
    score       INT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    rated_at    TIMESTAMPTZ NOT NULL
);
