-- Licence windows of granted deals: go-live, renewal decisions, reversion at expiry.
CREATE TABLE licence_window (
    deal_ref             text        PRIMARY KEY,     -- CRM deal id
    licensee             text        NOT NULL,
    title_names          text        NOT NULL,
    window_start         date        NOT NULL,
    window_end           date,                        -- null: evergreen
    state                text        NOT NULL CHECK (state IN ('SCHEDULED', 'LIVE', 'ENDED')),
    renewal_status       text        NOT NULL DEFAULT 'NOT_DUE'
        CHECK (renewal_status IN ('NOT_DUE', 'DECISION_PENDING', 'RENEWED', 'LET_EXPIRE', 'RELICENSE')),
    last_alert_lead_days integer,
    renewal_note         text,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX licence_window_open_end ON licence_window (window_end) WHERE state <> 'ENDED';

-- The day a grant's rights returned to the avails.
ALTER TABLE grant_out ADD COLUMN released_on date;
