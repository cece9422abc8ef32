-- Help-centre articles. Articles sharing a translation_group are translations of one another
-- (one per language); the search index is rebuilt from the published rows at start-up.
CREATE TABLE kb_articles (
    id                 BIGSERIAL PRIMARY KEY,
    lang               TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    slug               TEXT NOT NULL,
    title              TEXT NOT NULL,
    body               TEXT NOT NULL,
    service            TEXT,
    tags               TEXT[] NOT NULL DEFAULT '{}',
    status             TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    translation_group  BIGINT,
    source_kind        TEXT,
    source_ref         TEXT,
    revision           INT NOT NULL DEFAULT 1,
    views              BIGINT NOT NULL DEFAULT 0,
    helpful_yes        INT NOT NULL DEFAULT 0,
    helpful_no         INT NOT NULL DEFAULT 0,
    created_by         BIGINT,
    updated_by         BIGINT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX kb_articles_translation ON kb_articles (translation_group, lang) WHERE status <> 'retired';
-- "Make an article" twice from the same conversation opens the same draft.
CREATE UNIQUE INDEX kb_articles_source ON kb_articles (source_kind, source_ref) WHERE source_kind IS NOT NULL;
CREATE INDEX kb_articles_published ON kb_articles (lang, service) WHERE status = 'published';

-- Every saved version, with its author and time.
CREATE TABLE kb_revisions (
    article_id  BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    revision    INT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL,
    author_id   BIGINT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, revision)
);

-- Synonym groups staff edit, one group per line ("cégep, collège"); no row means the shipped defaults.
CREATE TABLE kb_synonyms (
    lang        TEXT PRIMARY KEY CHECK (lang IN ('fr', 'en')),
    rules       TEXT NOT NULL,
    updated_by  BIGINT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Saved replies: a service's (service set) or one person's (owner_id set), typed as /name in the console.
CREATE TABLE kb_saved_replies (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    body        TEXT NOT NULL,
    service     TEXT,
    owner_id    BIGINT,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((service IS NULL) <> (owner_id IS NULL))
);
CREATE UNIQUE INDEX kb_saved_replies_name ON kb_saved_replies (COALESCE(service, ''), COALESCE(owner_id, 0), name);

-- Searches and visitor questions that found nothing good, for the gaps report.
CREATE TABLE kb_gaps (
    id          BIGSERIAL PRIMARY KEY,
    lang        TEXT NOT NULL,
    query       TEXT NOT NULL,
    terms       TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('search', 'chat')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kb_gaps_recent ON kb_gaps (created_at);

-- What the chat widget's visitors did with suggested articles: opened one, or started a chat anyway.
CREATE TABLE kb_widget_events (
    id           BIGSERIAL PRIMARY KEY,
    visitor_key  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('opened', 'chat')),
    article_id   BIGINT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kb_widget_events_key ON kb_widget_events (visitor_key, created_at);
CREATE INDEX kb_widget_events_recent ON kb_widget_events (created_at);
