-- Corrections by the book: receipts, licensor agreements and recoupable expenses are records, as the ledger is.
-- PostgreSQL refuses to change or delete them; a correction is a new record (a receipt is corrected by its reversal).
CREATE FUNCTION royalty_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is a record: % refused (a correction is a new record that points to what it corrects)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER royalty_receipt_append_only BEFORE UPDATE OR DELETE ON royalty_receipt
    FOR EACH ROW EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER royalty_receipt_no_truncate BEFORE TRUNCATE ON royalty_receipt
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER licensor_agreement_append_only BEFORE UPDATE OR DELETE ON licensor_agreement
    FOR EACH ROW EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER licensor_agreement_no_truncate BEFORE TRUNCATE ON licensor_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER recoupable_expense_append_only BEFORE UPDATE OR DELETE ON recoupable_expense
    FOR EACH ROW EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER recoupable_expense_no_truncate BEFORE TRUNCATE ON recoupable_expense
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_record_refuse_change();

-- An exchange rate may be corrected while no receipt has been converted at it; every correction is audited.
-- One a receipt used is fixed for good (its receipts would have to be reversed and posted again).
CREATE TABLE fx_rate_correction (
    id           bigserial PRIMARY KEY,
    fx_rate_id   bigint         NOT NULL REFERENCES fx_rate (id),
    old_rate     numeric(24,10) NOT NULL,
    new_rate     numeric(24,10) NOT NULL CHECK (new_rate > 0),
    reason       text           NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    corrected_by text           NOT NULL,
    corrected_at timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX fx_rate_correction_rate ON fx_rate_correction (fx_rate_id);

CREATE FUNCTION fx_rate_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'fx_rate: DELETE refused (a rate is corrected, never removed)' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.from_currency IS DISTINCT FROM OLD.from_currency OR NEW.to_currency IS DISTINCT FROM OLD.to_currency
       OR NEW.rate_date IS DISTINCT FROM OLD.rate_date OR NEW.entered_by IS DISTINCT FROM OLD.entered_by
       OR NEW.entered_at IS DISTINCT FROM OLD.entered_at OR NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE EXCEPTION 'fx_rate: only the rate itself may be corrected' USING ERRCODE = 'restrict_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM royalty_receipt r JOIN licensor_agreement a ON a.id = r.agreement_id
               WHERE r.gross_currency = OLD.from_currency AND a.currency = OLD.to_currency AND r.received_on = OLD.rate_date) THEN
        RAISE EXCEPTION 'fx_rate %: a receipt was converted at it, it cannot be corrected', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM fx_rate_correction c WHERE c.fx_rate_id = OLD.id AND c.old_rate = OLD.rate AND c.new_rate = NEW.rate
                   AND c.corrected_at = now()) THEN
        RAISE EXCEPTION 'fx_rate %: a correction is recorded in fx_rate_correction first', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER fx_rate_corrected_by_the_book BEFORE UPDATE OR DELETE ON fx_rate
    FOR EACH ROW EXECUTE FUNCTION fx_rate_guard();
CREATE TRIGGER fx_rate_no_truncate BEFORE TRUNCATE ON fx_rate
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_record_refuse_change();
