-- Response-time targets per service and channel: the share of contacts answered within a time (80 % within 20 s for
-- calls, 90 % within 60 s for chats), and the time an incident should be resolved in.
CREATE TABLE staffing_targets (
    service_id          BIGINT NOT NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('chat', 'call', 'callback')),
    answer_seconds      INT NOT NULL CHECK (answer_seconds BETWEEN 1 AND 86400),
    answer_percent      NUMERIC(5, 2) NOT NULL CHECK (answer_percent > 0 AND answer_percent < 100),
    resolution_minutes  INT CHECK (resolution_minutes BETWEEN 1 AND 43200),
    PRIMARY KEY (service_id, channel)
);
