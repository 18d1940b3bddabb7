-- A manager's decision on a delivery at risk (rejected by Netflix QC three times or more): resubmit, change
-- vendor, ask Netflix for an extension, or cancel the title's delivery; the note says why.
CREATE TABLE delivery_decision (
    id           bigserial   PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES delivery (id),
    rejections   integer     NOT NULL,
    decision     text        NOT NULL CHECK (decision IN ('RESUBMIT', 'CHANGE_VENDOR', 'EXTENSION', 'CANCEL')),
    note         text        NOT NULL,
    new_vendor   text,
    previous_due date,
    extended_due date,
    decided_by   text,
    decided_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (decision <> 'CHANGE_VENDOR' OR new_vendor IS NOT NULL),
    CHECK (decision <> 'EXTENSION' OR extended_due IS NOT NULL)
);
CREATE INDEX delivery_decision_delivery ON delivery_decision (delivery_id);
