-- What finance posted over the API while no task waited for it (a quarter's report before the quarter-end timer ran,
-- an invoice while the instalment's process was between steps): the task, once created, is completed with the record.
CREATE TABLE finance_api_kept (
    deal_ref text        NOT NULL,
    task_key text        NOT NULL CHECK (task_key IN ('invoiceInstalment', 'recordPayment', 'enterRevenueReport')),
    which    text        NOT NULL,     -- the instalment number or the quarter label
    kept_by  text        NOT NULL,
    kept_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (deal_ref, task_key, which)
);
