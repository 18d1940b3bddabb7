-- Outbound events (webhooks). An admin registers endpoints; every change the CRM and finance systems hear about is
-- written to the outbox in the transaction that makes the change, with one delivery row per endpoint that asked for
-- its kind. The dispatcher sends each delivery, in order per deal and endpoint, and logs every attempt.
CREATE TABLE webhook_subscription (
    id              bigserial   PRIMARY KEY,
    url             text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    secret          text        NOT NULL CHECK (length(secret) BETWEEN 32 AND 256),  -- the HMAC-SHA256 key, shared with the receiver
    event_kinds     text[]      NOT NULL CHECK (cardinality(event_kinds) >= 1),
    description     text,
    status          text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    disabled_reason text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz
);

CREATE TABLE outbox_event (
    id          bigserial   PRIMARY KEY,                 -- order of the events of one deal (written under a per-deal lock)
    event_id    uuid        NOT NULL UNIQUE,             -- what receivers see: the same event id is never a new event
    kind        text        NOT NULL,
    deal_ref    text        NOT NULL,                    -- CRM deal id
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL                     -- the event's data, as sent
);
CREATE INDEX outbox_event_deal ON outbox_event (deal_ref, kind, id);

CREATE TABLE webhook_delivery (
    id              bigserial   PRIMARY KEY,
    outbox_id       bigint      NOT NULL REFERENCES outbox_event (id),
    subscription_id bigint      NOT NULL REFERENCES webhook_subscription (id),
    deal_ref        text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    last_error      text,
    UNIQUE (outbox_id, subscription_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_line ON webhook_delivery (subscription_id, deal_ref, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, id);

CREATE TABLE webhook_attempt (
    id          bigserial   PRIMARY KEY,
    delivery_id bigint      NOT NULL REFERENCES webhook_delivery (id),
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    status_code integer,                                  -- null: no answer (refused, timed out)
    error       text,
    duration_ms integer     NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempt);
