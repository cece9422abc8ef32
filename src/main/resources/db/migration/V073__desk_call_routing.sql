-- The helpdesk's phones: each agent's extension on the PBX (a ringing event names it, and that agent's console pops
-- the caller); calls logged by hand (for PBXs that send nothing) beside the webhook's events; callbacks routed to
-- an agent like chats, from a missed call or a visitor's request in the chat widget.
CREATE TABLE desk_agent_extensions (
    staff_id  BIGINT PRIMARY KEY,
    extension TEXT NOT NULL UNIQUE CHECK (extension ~ '^[0-9*#]{1,20}$')
);

ALTER TABLE desk_call_events DROP CONSTRAINT desk_call_events_event_check;
ALTER TABLE desk_call_events ADD CONSTRAINT desk_call_events_event_check CHECK (event IN ('ringing', 'answered', 'ended', 'missed', 'logged'));
ALTER TABLE desk_call_events
    ADD COLUMN direction   TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    ADD COLUMN note        TEXT,
    ADD COLUMN logged_by   BIGINT,
    ADD COLUMN incident_id BIGINT REFERENCES desk_incidents (id);

ALTER TABLE desk_callbacks
    ADD COLUMN source      TEXT NOT NULL DEFAULT 'missed' CHECK (source IN ('missed', 'web')),
    ADD COLUMN contact_id  BIGINT,
    ADD COLUMN client_id   TEXT UNIQUE,
    ADD COLUMN assignee_id BIGINT,
    ADD COLUMN assigned_at TIMESTAMPTZ;
CREATE INDEX desk_callbacks_held ON desk_callbacks (assignee_id) WHERE done_at IS NULL;
