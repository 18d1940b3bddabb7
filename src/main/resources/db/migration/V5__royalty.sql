-- Royalties to licensors: agreement terms, recoupable expenses, FX rates, receipts, the append-only
-- ledger the waterfall posts to, and issued (frozen) statements.

CREATE TABLE licensor_agreement (
    id                       bigserial PRIMARY KEY,
    licensor                 text          NOT NULL UNIQUE CHECK (length(licensor) BETWEEN 1 AND 200),
    currency                 text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    distribution_fee_percent numeric(7,4)  NOT NULL CHECK (distribution_fee_percent BETWEEN 0 AND 100),
    expense_cap              numeric(19,4) CHECK (expense_cap >= 0),          -- null: uncapped
    advance                  numeric(19,4) NOT NULL DEFAULT 0 CHECK (advance >= 0),
    statement_frequency      text          NOT NULL CHECK (statement_frequency IN ('QUARTERLY', 'SEMI_ANNUAL')),
    created_at               timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE recoupable_expense (
    id           bigserial PRIMARY KEY,
    agreement_id bigint        NOT NULL REFERENCES licensor_agreement (id),
    incurred_on  date          NOT NULL,
    amount       numeric(19,4) NOT NULL CHECK (amount > 0),   -- in the agreement currency
    description  text          NOT NULL DEFAULT '',
    created_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX recoupable_expense_agreement ON recoupable_expense (agreement_id, incurred_on, id);

-- 1 from_currency buys `rate` to_currency, on rate_date (entered by finance).
CREATE TABLE fx_rate (
    id            bigserial PRIMARY KEY,
    from_currency text           NOT NULL CHECK (from_currency ~ '^[A-Z]{3}$'),
    to_currency   text           NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
    rate_date     date           NOT NULL,
    rate          numeric(24,10) NOT NULL CHECK (rate > 0),
    entered_by    text           NOT NULL,
    entered_at    timestamptz    NOT NULL DEFAULT now(),
    CHECK (from_currency <> to_currency),
    UNIQUE (from_currency, to_currency, rate_date)
);

CREATE TABLE royalty_receipt (
    id                 bigserial PRIMARY KEY,
    agreement_id       bigint        NOT NULL REFERENCES licensor_agreement (id),
    deal_ref           text          NOT NULL,
    title_id           bigint        NOT NULL REFERENCES title (id),
    received_on        date          NOT NULL,
    gross_amount       numeric(19,4) NOT NULL CHECK (gross_amount > 0),
    gross_currency     text          NOT NULL CHECK (gross_currency ~ '^[A-Z]{3}$'),
    external_reference text          NOT NULL UNIQUE,
    created_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX royalty_receipt_agreement ON royalty_receipt (agreement_id);

-- Append-only: one row per posting; a correction is a new row with reverses_entry_id and the amount negated.
CREATE TABLE royalty_ledger_entry (
    id                bigserial PRIMARY KEY,
    agreement_id      bigint        NOT NULL REFERENCES licensor_agreement (id),
    receipt_id        bigint        REFERENCES royalty_receipt (id),
    expense_id        bigint        REFERENCES recoupable_expense (id),
    deal_ref          text,
    title_id          bigint        REFERENCES title (id),
    kind              text          NOT NULL CHECK (kind IN ('RECEIVABLE', 'RECEIPT', 'FX', 'DISTRIBUTION_FEE', 'EXPENSE',
                                                             'EXPENSE_RECOUPMENT', 'ADVANCE_RECOUPMENT', 'ROYALTY_PAYABLE',
                                                             'ROYALTY_PAID')),
    amount            numeric(19,4) NOT NULL,
    currency          text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    fx_rate_used      numeric(24,10),
    note              text          NOT NULL DEFAULT '',
    period_label      text          NOT NULL,    -- statement period the entry belongs to (2027-Q1, 2027-H2)
    period_start      date          NOT NULL,
    reverses_entry_id bigint        UNIQUE REFERENCES royalty_ledger_entry (id),
    created_at        timestamptz   NOT NULL DEFAULT now(),
    CHECK (reverses_entry_id IS NOT NULL OR amount >= 0),
    CHECK (kind <> 'EXPENSE_RECOUPMENT' OR expense_id IS NOT NULL)
);
CREATE INDEX royalty_ledger_agreement_period ON royalty_ledger_entry (agreement_id, period_start);
CREATE INDEX royalty_ledger_receipt ON royalty_ledger_entry (receipt_id);

CREATE TABLE royalty_statement (
    id           bigserial PRIMARY KEY,
    agreement_id bigint      NOT NULL REFERENCES licensor_agreement (id),
    period_label text        NOT NULL,
    period_start date        NOT NULL,
    period_end   date        NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    issued_by    text        NOT NULL,
    snapshot     jsonb       NOT NULL,           -- the statement exactly as issued
    UNIQUE (agreement_id, period_label)
);

-- PostgreSQL itself keeps the ledger append-only and issued statements frozen.
CREATE FUNCTION royalty_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (post a reversing entry instead)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER royalty_ledger_entry_append_only
    BEFORE UPDATE OR DELETE ON royalty_ledger_entry
    FOR EACH ROW EXECUTE FUNCTION royalty_refuse_change();
CREATE TRIGGER royalty_ledger_entry_no_truncate
    BEFORE TRUNCATE ON royalty_ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_refuse_change();
CREATE TRIGGER royalty_statement_frozen
    BEFORE UPDATE OR DELETE ON royalty_statement
    FOR EACH ROW EXECUTE FUNCTION royalty_refuse_change();
CREATE TRIGGER royalty_statement_no_truncate
    BEFORE TRUNCATE ON royalty_statement
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_refuse_change();
