-- Netflix delivery per title: tracks, QC submissions and items, and the inbox of outside events.
CREATE TABLE delivery (
    id               bigserial   PRIMARY KEY,
    deal_ref         text        NOT NULL,
    title_id         bigint      NOT NULL REFERENCES title (id),
    title_name       text        NOT NULL,
    resolution       text        NOT NULL,
    dynamic_range    text        NOT NULL,
    original_language text       NOT NULL,
    due_date         date,
    stage            text        NOT NULL,
    attempt          integer     NOT NULL DEFAULT 0,
    rejections       integer     NOT NULL DEFAULT 0,
    backlot_title_id text,
    source_requests  text,
    post_house       text,
    purchase_order   text,
    package_location text,
    package_status   text        NOT NULL DEFAULT 'NOT_ORDERED'
        CHECK (package_status IN ('NOT_ORDERED', 'ORDERED', 'RECEIVED', 'FAILED', 'ACCEPTED', 'REWORK')),
    package_findings text,
    metadata_fix     text,
    accepted_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (deal_ref, title_id)
);

CREATE TABLE delivery_track (
    id            bigserial PRIMARY KEY,
    delivery_id   bigint    NOT NULL REFERENCES delivery (id),
    kind          text      NOT NULL CHECK (kind IN ('SUBTITLE', 'DUB', 'AUDIO_DESCRIPTION', 'FORCED_NARRATIVE')),
    language      text      NOT NULL,              -- BCP 47, exactly as the deal asked
    status        text      NOT NULL CHECK (status IN ('PENDING', 'ORDERED', 'DELIVERED', 'FAILED', 'ACCEPTED', 'REWORK')),
    vendor        text,
    file_location text,
    findings      text,
    attempts      integer   NOT NULL DEFAULT 0,
    duration_seconds numeric(12, 6),               -- audio tracks, as the vendor reported
    UNIQUE (delivery_id, kind, language)
);

-- Every event from vendors, post houses and Backlot, kept before anything else happens: a repeated
-- event id answers with the first result; an event the process is not waiting for yet stays PENDING.
CREATE TABLE delivery_event (
    event_id     text        PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES delivery (id),
    kind         text        NOT NULL CHECK (kind IN ('PACKAGE_READY', 'TRACK_DELIVERED', 'QC_RESULT')),
    track_id     bigint      REFERENCES delivery_track (id),
    payload      jsonb       NOT NULL,
    status       text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED')),
    received_at  timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz
);
CREATE INDEX delivery_event_pending ON delivery_event (delivery_id) WHERE status = 'PENDING';

CREATE TABLE qc_item (
    id          bigserial PRIMARY KEY,
    delivery_id bigint    NOT NULL REFERENCES delivery (id),
    attempt     integer   NOT NULL,
    category    text      NOT NULL,
    code        text,
    timecode    text,
    note        text,
    language    text,
    track_id    bigint    REFERENCES delivery_track (id),
    routed_to   text      NOT NULL
);
CREATE INDEX qc_item_delivery ON qc_item (delivery_id);

-- When each delivery entered and left each stage: the QC report's days per stage.
CREATE TABLE delivery_stage (
    id          bigserial   PRIMARY KEY,
    delivery_id bigint      NOT NULL REFERENCES delivery (id),
    stage       text        NOT NULL,
    entered_at  timestamptz NOT NULL,
    left_at     timestamptz
);
CREATE INDEX delivery_stage_delivery ON delivery_stage (delivery_id);
