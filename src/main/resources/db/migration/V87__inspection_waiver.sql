-- A pre-QC inspection a manager accepts anyway (a false positive): the coordinator asks, a manager waives or refuses
-- with a written reason. A waived package or track counts as accepted; its inspection's findings show as waived.
CREATE TABLE inspection_waiver (
    id             bigserial   PRIMARY KEY,
    request_id     bigint      NOT NULL REFERENCES inspection_request (id),
    delivery_id    bigint      NOT NULL REFERENCES delivery (id),
    track_id       bigint      REFERENCES delivery_track (id),
    subject        text        NOT NULL CHECK (subject IN ('PACKAGE', 'TRACK')),
    status         text        NOT NULL CHECK (status IN ('REQUESTED', 'WAIVED', 'REFUSED')),
    requested_note text        NOT NULL,
    requested_by   text,
    requested_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    note           text,
    decided_by     text,
    decided_at     timestamptz,
    CHECK ((subject = 'TRACK') = (track_id IS NOT NULL)),
    CHECK (status = 'REQUESTED' OR note IS NOT NULL)
);
CREATE INDEX inspection_waiver_delivery ON inspection_waiver (delivery_id);
CREATE INDEX inspection_waiver_request ON inspection_waiver (request_id);
