-- Uploaded lists as an alert's audience (issue 18): the contacts a CSV of emails and phones matched when it was
-- uploaded. Only contact ids are kept (the addresses no contact held are counted, never stored); an alert names its
-- list in its audience ({"kind":"list","listId":n}), read again at sending (an erased contact is then left out).
CREATE TABLE alert_lists (
    id          BIGSERIAL   PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_by  BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    rows_read   INT         NOT NULL,
    unmatched   INT         NOT NULL
);

CREATE TABLE alert_list_members (
    list_id     BIGINT      NOT NULL REFERENCES alert_lists(id) ON DELETE CASCADE,
    contact_id  BIGINT      NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
