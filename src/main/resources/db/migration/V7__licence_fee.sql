-- What the licensee owes under a deal: the licence-fee (or MG) instalments with their triggers, invoices and
-- payments, and the quarterly revenue reports of revenue-share deals with the overage they produced.
CREATE TABLE fee_instalment (
    id              bigserial PRIMARY KEY,
    deal_ref        text          NOT NULL,                  -- CRM deal id
    number          integer       NOT NULL CHECK (number >= 1),
    kind            text          NOT NULL CHECK (kind IN ('LICENCE_FEE', 'MINIMUM_GUARANTEE', 'OVERAGE')),
    amount          numeric(19,4) NOT NULL CHECK (amount > 0),
    currency        text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    trigger         text          NOT NULL CHECK (trigger IN ('SIGNATURE', 'DELIVERY_ACCEPTED', 'WINDOW_START', 'DATE', 'REVENUE_REPORT')),
    credit_days     integer       NOT NULL CHECK (credit_days >= 0),
    triggered_on    date,                                     -- null while the trigger has not happened
    due_on          date,                                     -- triggered_on + credit_days
    quarter_label   text,                                     -- the revenue quarter of an OVERAGE instalment
    invoice_number  text,
    invoiced_on     date,
    invoiced_by     text,
    paid_amount     numeric(19,4) CHECK (paid_amount > 0),
    paid_currency   text          CHECK (paid_currency ~ '^[A-Z]{3}$'),
    paid_on         date,
    bank_reference  text,
    recorded_by     text,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (deal_ref, number),
    CHECK ((triggered_on IS NULL) = (due_on IS NULL)),
    CHECK ((paid_on IS NULL) = (paid_amount IS NULL) AND (paid_on IS NULL) = (paid_currency IS NULL)),
    CHECK (kind <> 'OVERAGE' OR quarter_label IS NOT NULL)
);
CREATE UNIQUE INDEX fee_instalment_overage_quarter ON fee_instalment (deal_ref, quarter_label) WHERE kind = 'OVERAGE';

CREATE TABLE revenue_report (
    id              bigserial PRIMARY KEY,
    deal_ref        text          NOT NULL,
    quarter_label   text          NOT NULL,                   -- 2027-Q1
    revenue         numeric(19,4) NOT NULL CHECK (revenue >= 0),
    currency        text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    report_reference text         NOT NULL,
    entered_by      text          NOT NULL,
    entered_at      timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (deal_ref, quarter_label)
);
