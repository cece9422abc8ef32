-- The alumni network (issue 20): members (each a people contact of kind alumnus), groups, threads and posts,
-- reverse-mentoring rounds. Search and listening read `terms`: the words of a text analysed in Java by kb's French
-- analyser (elision, accents, stop words, light stemming) and kept here, so PostgreSQL answers on every node at once.
CREATE TABLE community_members (
    id              bigserial PRIMARY KEY,
    contact_id      bigint UNIQUE, -- found or made by email when the address is confirmed, not before
    name            text NOT NULL,
    email           text NOT NULL,
    lang            text NOT NULL DEFAULT 'fr',
    graduation_year int NOT NULL,
    programme       text NOT NULL,
    city            text,
    employer        text,
    job_title       text,
    linkedin        text,
    skills          text[] NOT NULL DEFAULT '{}',
    willing         text[] NOT NULL DEFAULT '{}',
    -- what other members see, and what staff see: name | profile | contact
    shown_to_members text NOT NULL DEFAULT 'profile' CHECK (shown_to_members IN ('name', 'profile', 'contact')),
    shown_to_staff   text NOT NULL DEFAULT 'contact' CHECK (shown_to_staff IN ('name', 'profile', 'contact')),
    hidden          boolean NOT NULL DEFAULT false,
    consents        boolean NOT NULL DEFAULT false, -- ticked "alumni" on the form: written in people's ledger at confirmation
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'left')),
    terms           text[] NOT NULL DEFAULT '{}', -- the whole profile's words
    name_terms      text[] NOT NULL DEFAULT '{}', -- the name's alone: all a search may match of a "name only" member
    created_at      timestamptz NOT NULL,
    confirmed_at    timestamptz
);
CREATE INDEX community_members_terms ON community_members USING gin (terms);
CREATE INDEX community_members_name_terms ON community_members USING gin (name_terms);
CREATE INDEX community_members_skills ON community_members USING gin (skills);
CREATE INDEX community_members_year ON community_members (graduation_year);

CREATE TABLE community_groups (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    kind        text NOT NULL DEFAULT 'topic' CHECK (kind IN ('class', 'programme', 'region', 'topic', 'course')),
    created_at  timestamptz NOT NULL
);

CREATE TABLE community_group_members (
    group_id  bigint NOT NULL REFERENCES community_groups (id),
    member_id bigint NOT NULL REFERENCES community_members (id),
    joined_at timestamptz NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX community_group_members_member ON community_group_members (member_id);

CREATE TABLE community_threads (
    id         bigserial PRIMARY KEY,
    group_id   bigint NOT NULL REFERENCES community_groups (id),
    title      text NOT NULL,
    locked     boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);
CREATE INDEX community_threads_group ON community_threads (group_id, created_at DESC);

-- A thread's first post (opening = true) is its question; the others are its replies. A post by staff has no member.
CREATE TABLE community_posts (
    id          bigserial PRIMARY KEY,
    thread_id   bigint NOT NULL REFERENCES community_threads (id),
    member_id   bigint REFERENCES community_members (id),
    staff_id    bigint,
    staff_name  text, -- as the post was signed: the staff table is identity's
    opening     boolean NOT NULL,
    body        text NOT NULL,
    status      text NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'held', 'hidden')),
    reports     int NOT NULL DEFAULT 0,
    helpful     boolean NOT NULL DEFAULT false,
    article_id  bigint,
    terms       text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);
CREATE INDEX community_posts_thread ON community_posts (thread_id, id);
CREATE INDEX community_posts_member ON community_posts (member_id);
CREATE INDEX community_posts_created ON community_posts (created_at);
CREATE INDEX community_posts_terms ON community_posts USING gin (terms);

-- Reverse mentoring: a round, its participants' questionnaires, and the pairs staff confirmed.
CREATE TABLE community_rounds (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    max_mentees int NOT NULL CHECK (max_mentees BETWEEN 1 AND 10),
    created_at  timestamptz NOT NULL
);

CREATE TABLE community_participants (
    id           bigserial PRIMARY KEY,
    round_id     bigint NOT NULL REFERENCES community_rounds (id),
    side         text NOT NULL CHECK (side IN ('mentor', 'mentee')),
    contact_id   bigint NOT NULL,
    name         text NOT NULL,
    email        text NOT NULL,
    teach        text[] NOT NULL DEFAULT '{}',
    learn        text[] NOT NULL DEFAULT '{}',
    languages    text[] NOT NULL DEFAULT '{}',
    availability text[] NOT NULL DEFAULT '{}',
    formats      text[] NOT NULL DEFAULT '{}',
    UNIQUE (round_id, side, contact_id)
);

CREATE TABLE community_pairs (
    round_id     bigint NOT NULL REFERENCES community_rounds (id),
    mentor_id    bigint NOT NULL REFERENCES community_participants (id),
    mentee_id    bigint NOT NULL REFERENCES community_participants (id),
    score        int NOT NULL,
    confirmed_at timestamptz NOT NULL,
    PRIMARY KEY (round_id, mentee_id)
);
