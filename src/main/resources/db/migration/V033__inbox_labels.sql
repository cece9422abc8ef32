-- Labels an administrator defines and agents put on conversations (filtered by, counted in the labels report).
CREATE TABLE inbox_labels (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    colour      TEXT NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- "Bourse" and "bourse", "Élève" and "eleve" are one label.
CREATE UNIQUE INDEX inbox_labels_name ON inbox_labels (people_fold(name));

CREATE TABLE conversation_labels (
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    label_id         BIGINT NOT NULL REFERENCES inbox_labels (id) ON DELETE CASCADE,
    added_by         BIGINT NOT NULL,
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_label ON conversation_labels (label_id, conversation_id);
