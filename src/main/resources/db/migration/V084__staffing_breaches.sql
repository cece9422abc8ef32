-- A waiting conversation that passed its service's first-response target: claimed once, whichever node sees it first,
-- so the lead is told once; the wallboard counts today's. Ids and times only.
CREATE TABLE staffing_breaches (
    conversation_id  BIGINT PRIMARY KEY,
    service_id       BIGINT NOT NULL,
    target_seconds   INT NOT NULL,
    breached_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX staffing_breaches_service_day ON staffing_breaches (service_id, breached_at);
