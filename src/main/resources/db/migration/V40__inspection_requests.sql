-- Inspections of delivered packages and tracks run outside the engine's jobs: the process queues a request (one per
-- delivered event), a worker pool of the service claims it, inspects, stores the findings and tells the process the
-- outcome by a message. A claim is a token with a heartbeat: a request whose worker stopped beating is claimed again.
CREATE TABLE inspection_request (
    id                  bigserial   PRIMARY KEY,
    event_id            text        NOT NULL UNIQUE REFERENCES delivery_event (event_id),
    delivery_id         bigint      NOT NULL REFERENCES delivery (id),
    track_id            bigint      REFERENCES delivery_track (id),
    subject             text        NOT NULL CHECK (subject IN ('PACKAGE', 'TRACK')),
    location            text        NOT NULL,
    duration_seconds    numeric(12, 6),
    process_instance_id text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'INSPECTED', 'DONE')),
    runs                integer     NOT NULL DEFAULT 0,
    claim_token         uuid,
    claimed_by          text,
    heartbeat_at        timestamptz,
    bytes_done          bigint      NOT NULL DEFAULT 0,
    bytes_total         bigint      NOT NULL DEFAULT 0,
    passed              boolean,
    errors              integer     NOT NULL DEFAULT 0,
    warnings            integer     NOT NULL DEFAULT 0,
    summary             text,
    requested_at        timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    inspected_at        timestamptz,
    done_at             timestamptz,
    correlation_failures integer    NOT NULL DEFAULT 0,
    retry_at            timestamptz,
    last_error          text,
    CHECK ((subject = 'TRACK') = (track_id IS NOT NULL))
);
CREATE INDEX inspection_request_open ON inspection_request (requested_at, id) WHERE status <> 'DONE';
CREATE INDEX inspection_request_delivery ON inspection_request (delivery_id, id);
CREATE INDEX inspection_request_track ON inspection_request (track_id, id) WHERE track_id IS NOT NULL;

-- Every finding of an inspection, in the order the inspector reported them.
CREATE TABLE inspection_finding (
    request_id bigint NOT NULL REFERENCES inspection_request (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    severity   text    NOT NULL CHECK (severity IN ('ERROR', 'WARNING')),
    code       text    NOT NULL,
    file       text,
    element    text,
    message    text    NOT NULL,
    PRIMARY KEY (request_id, seq)
);
