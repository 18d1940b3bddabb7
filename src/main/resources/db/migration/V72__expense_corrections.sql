-- Corrections by the book for recoupable expenses: a correction is a new expense record that points to the one it
-- corrects (which stays, as every royalty record does, and no longer counts in the waterfall); its EXPENSE ledger entry
-- is reversed and the correction's posted. An expense already recouped from receipts is not corrected.
ALTER TABLE recoupable_expense ADD COLUMN corrects_id bigint UNIQUE REFERENCES recoupable_expense (id);
ALTER TABLE recoupable_expense ADD COLUMN correction_reason text;
ALTER TABLE recoupable_expense ADD COLUMN recorded_by text;
ALTER TABLE recoupable_expense ADD CONSTRAINT recoupable_expense_correction_has_reason
    CHECK (corrects_id IS NULL OR length(correction_reason) BETWEEN 1 AND 500);
