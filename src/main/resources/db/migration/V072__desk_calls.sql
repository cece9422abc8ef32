-- The hotline's call events as the PBX sends them (each call's event once: a replay is refused), and the callback
-- queue that missed calls join until an agent has called back.
CREATE TABLE desk_call_events (
    id          BIGSERIAL PRIMARY KEY,
    call_id     TEXT NOT NULL,
    event       TEXT NOT NULL CHECK (event IN ('ringing', 'answered', 'ended', 'missed')),
    from_number TEXT NOT NULL,
    to_number   TEXT NOT NULL,
    extension   TEXT,
    at          TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (call_id, event)
);

CREATE TABLE desk_callbacks (
    id           BIGSERIAL PRIMARY KEY,
    call_id      TEXT UNIQUE,
    phone        TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    done_at      TIMESTAMPTZ,
    done_by      BIGINT
);
CREATE INDEX desk_callbacks_waiting ON desk_callbacks (requested_at) WHERE done_at IS NULL;
