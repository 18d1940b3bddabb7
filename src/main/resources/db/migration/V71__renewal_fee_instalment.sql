-- A renewal with a new licence fee: its instalment, payable from the first day of the renewed period, marked with the
-- renewal's last day (one instalment per renewal, whatever retries happen).
ALTER TABLE fee_instalment ADD COLUMN renewal_until date;
CREATE UNIQUE INDEX fee_instalment_renewal ON fee_instalment (deal_ref, renewal_until) WHERE renewal_until IS NOT NULL;
