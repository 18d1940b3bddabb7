-- The rights database: titles, what we hold (rights-in, holdbacks), what we licensed out (grants).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE title (
    id                bigserial PRIMARY KEY,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    kind              text        NOT NULL CHECK (kind IN ('FEATURE', 'SERIES', 'SEASON', 'EPISODE')),
    runtime_minutes   integer     CHECK (runtime_minutes > 0),
    original_language text        NOT NULL,
    eidr_id           text        UNIQUE,
    kids              boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rights_in (
    id           bigserial PRIMARY KEY,
    title_id     bigint      NOT NULL REFERENCES title (id),
    licensor     text        NOT NULL,
    territories  text[]      NOT NULL,          -- ISO 3166-1 alpha-2, regions already expanded
    media        text[]      NOT NULL,
    term_start   date        NOT NULL,
    term_end     date,                          -- null: perpetual
    exclusive    boolean     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (term_end IS NULL OR term_end >= term_start)
);
CREATE INDEX rights_in_title ON rights_in (title_id);

CREATE TABLE holdback (
    id           bigserial PRIMARY KEY,
    rights_in_id bigint NOT NULL REFERENCES rights_in (id),
    title_id     bigint NOT NULL REFERENCES title (id),
    territories  text[] NOT NULL,
    media        text[] NOT NULL,
    period_start date   NOT NULL,
    period_end   date,
    reason       text,
    CHECK (period_end IS NULL OR period_end >= period_start)
);
CREATE INDEX holdback_title ON holdback (title_id);

-- One row per title x territory x media licensed out under a deal.
CREATE TABLE grant_out (
    id            bigserial PRIMARY KEY,
    title_id      bigint      NOT NULL REFERENCES title (id),
    territory     text        NOT NULL,
    media         text        NOT NULL,
    window_start  date        NOT NULL,
    window_end    date,                         -- null: evergreen
    exclusive     boolean     NOT NULL,
    licensee      text        NOT NULL,
    deal_ref      text        NOT NULL,         -- CRM deal id
    status        text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'EXPIRED', 'RELEASED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- An exclusive grant spans every other grant, a non-exclusive one only itself, so the
    -- exclusion constraint below rejects exclusive-vs-any overlap but lets non-exclusive grants share.
    exclusivity_span int8range GENERATED ALWAYS AS (
        CASE WHEN exclusive THEN int8range(NULL, NULL) ELSE int8range(id, id + 1) END) STORED,
    CHECK (window_end IS NULL OR window_end >= window_start),
    -- Two deals racing for the same title x territory x media can never both hold it: PostgreSQL decides.
    CONSTRAINT grant_no_exclusive_overlap EXCLUDE USING gist (
        title_id WITH =,
        territory WITH =,
        media WITH =,
        daterange(window_start, window_end, '[]') WITH &&,
        exclusivity_span WITH &&
    ) WHERE (status IN ('PENDING', 'ACTIVE'))
);
CREATE INDEX grant_out_title_blocking ON grant_out (title_id) WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX grant_out_deal ON grant_out (deal_ref);
