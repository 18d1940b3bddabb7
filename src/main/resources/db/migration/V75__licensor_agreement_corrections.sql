-- Corrections by the book for licensor agreements: the agreement row stays as first recorded (PostgreSQL refuses UPDATE
-- and DELETE on it, V61); a correction is a new record of the money terms as they should be, pointing to the correction
-- it supersedes (NULL: the agreement as first recorded), with who, when and why. The latest correction is the one in
-- force: receipts posted from then on run through the waterfall at its terms, and statements' balances use it; entries
-- already in the ledger stay as posted (reverse a receipt and post it again to apply the corrected terms to it).
-- The licensor, the currency and the statement frequency are not corrected.
CREATE TABLE licensor_agreement_correction (
    id                       bigserial PRIMARY KEY,
    agreement_id             bigint        NOT NULL REFERENCES licensor_agreement (id),
    corrects_id              bigint        UNIQUE REFERENCES licensor_agreement_correction (id),
    distribution_fee_percent numeric(7,4)  NOT NULL CHECK (distribution_fee_percent BETWEEN 0 AND 100),
    expense_cap              numeric(19,4) CHECK (expense_cap >= 0),          -- null: uncapped
    advance                  numeric(19,4) NOT NULL CHECK (advance >= 0),
    reason                   text          NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    corrected_by             text          NOT NULL,
    corrected_at             timestamptz   NOT NULL DEFAULT now()
);
-- one chain per agreement: a single first correction, and each later one supersedes exactly one
CREATE UNIQUE INDEX licensor_agreement_correction_first ON licensor_agreement_correction (agreement_id) WHERE corrects_id IS NULL;
CREATE INDEX licensor_agreement_correction_agreement ON licensor_agreement_correction (agreement_id, id);

CREATE FUNCTION licensor_agreement_correction_same_agreement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM licensor_agreement_correction c
                                                   WHERE c.id = NEW.corrects_id AND c.agreement_id = NEW.agreement_id) THEN
        RAISE EXCEPTION 'licensor_agreement_correction: correction % is not of agreement %', NEW.corrects_id, NEW.agreement_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER licensor_agreement_correction_chain BEFORE INSERT ON licensor_agreement_correction
    FOR EACH ROW EXECUTE FUNCTION licensor_agreement_correction_same_agreement();
CREATE TRIGGER licensor_agreement_correction_append_only BEFORE UPDATE OR DELETE ON licensor_agreement_correction
    FOR EACH ROW EXECUTE FUNCTION royalty_record_refuse_change();
CREATE TRIGGER licensor_agreement_correction_no_truncate BEFORE TRUNCATE ON licensor_agreement_correction
    FOR EACH STATEMENT EXECUTE FUNCTION royalty_record_refuse_change();
