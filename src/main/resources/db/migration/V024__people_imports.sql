-- A CSV import of contacts: who sent which file, how its columns were read, its progress (so the screen of any node
-- can show it) and its report. This row is also the import's audit record. The file itself is kept only from the
-- upload to the end of the import (the staff screen previews it, then imports it); then `source` is cleared.
CREATE TABLE contact_imports (
    id            BIGSERIAL PRIMARY KEY,
    staff_id      BIGINT,
    file_name     TEXT NOT NULL,
    header        TEXT[] NOT NULL DEFAULT '{}',
    source        BYTEA,
    mapping       JSONB NOT NULL DEFAULT '{}',
    dry_run       BOOLEAN NOT NULL DEFAULT FALSE,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    encoding      TEXT,
    delimiter     TEXT,
    total         INT NOT NULL DEFAULT 0,
    done          INT NOT NULL DEFAULT 0,
    imported      INT NOT NULL DEFAULT 0,
    updated       INT NOT NULL DEFAULT 0,
    rejected      JSONB NOT NULL DEFAULT '[]',
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Touched after each batch: a running import whose node stopped shows as interrupted.
    touched_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX contact_imports_recent ON contact_imports (created_at DESC);
