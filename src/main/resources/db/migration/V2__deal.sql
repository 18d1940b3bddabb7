-- Deals as signed in the CRM, and what the rights check found.
CREATE TABLE deal (
    id                    bigserial PRIMARY KEY,
    crm_deal_id           text        NOT NULL UNIQUE,
    licensee              text        NOT NULL,
    media                 text[]      NOT NULL,
    exclusive             boolean     NOT NULL,
    territories_requested text[]      NOT NULL,   -- as the CRM sent them (countries, regions, WW)
    territories           text[]      NOT NULL,   -- countries now asked for (after carve-outs)
    window_start          date        NOT NULL,
    window_end            date,                   -- null: evergreen
    delivery_due          date,
    status                text        NOT NULL,
    terms                 jsonb       NOT NULL,   -- the deal as received, normalised: idempotency and later steps
    process_instance_id   text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               integer     NOT NULL DEFAULT 0
);

CREATE TABLE deal_title (
    deal_id  bigint  NOT NULL REFERENCES deal (id),
    title_id bigint  NOT NULL REFERENCES title (id),
    position integer NOT NULL,
    PRIMARY KEY (deal_id, title_id)
);

-- Conflicts of the latest check of a deal (replaced at each check).
CREATE TABLE deal_conflict (
    id          bigserial PRIMARY KEY,
    deal_id     bigint NOT NULL REFERENCES deal (id),
    rule        text   NOT NULL,
    title_id    bigint NOT NULL,
    territory   text   NOT NULL,
    media       text   NOT NULL,
    date_from   date,
    date_to     date,
    record_type text,
    record_id   bigint,
    message     text   NOT NULL
);
CREATE INDEX deal_conflict_deal ON deal_conflict (deal_id);

-- What happened to a deal, for the CRM and for audit (carve-outs, window changes, withdrawal).
CREATE TABLE deal_event (
    id       bigserial PRIMARY KEY,
    deal_id  bigint      NOT NULL REFERENCES deal (id),
    at       timestamptz NOT NULL DEFAULT now(),
    kind     text        NOT NULL,
    detail   text        NOT NULL,
    actor    text
);
CREATE INDEX deal_event_deal ON deal_event (deal_id);
