-- The window-watch process's next timers, as planned (for the day it planned them): its gateways, timers and task
-- due dates read them here instead of from nine process variables each written to three engine tables.
ALTER TABLE licence_window
    ADD COLUMN plan_live             boolean,
    ADD COLUMN plan_starts_at        timestamptz,
    ADD COLUMN plan_evergreen        boolean,
    ADD COLUMN plan_alert_due        boolean,
    ADD COLUMN plan_next_alert_at    timestamptz,
    ADD COLUMN plan_next_alert_lead  integer,
    ADD COLUMN plan_escalation_at    timestamptz,
    ADD COLUMN plan_expires_at       timestamptz,
    ADD COLUMN plan_end_label        text;
