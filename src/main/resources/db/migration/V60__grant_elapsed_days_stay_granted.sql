-- A day that has passed is spent: a grant keeps the days it was held even after it is released or withdrawn,
-- and expired grants (the past, and historical deals) keep their whole window. PostgreSQL judges every grant
-- by the days it holds: the window while pending, active or expired, the days before its release once released.
ALTER TABLE grant_out ADD COLUMN held_period daterange GENERATED ALWAYS AS (
    CASE WHEN status = 'RELEASED'
         THEN daterange(window_start, GREATEST(window_start, LEAST(released_on, window_end + 1)), '[)')
         ELSE daterange(window_start, window_end, '[]') END) STORED;

-- Grants recorded before this rule may overlap on days that had already passed (a released period sold again).
-- They are kept for the record, marked, and left out of the constraint; the conflict rules still see them.
ALTER TABLE grant_out ADD COLUMN oversold boolean NOT NULL DEFAULT false;
UPDATE grant_out g SET oversold = true
WHERE EXISTS (SELECT 1 FROM grant_out o
              WHERE o.id < g.id AND o.title_id = g.title_id AND o.territory = g.territory AND o.media = g.media
                AND (o.exclusive OR g.exclusive) AND o.held_period && g.held_period);

ALTER TABLE grant_out DROP CONSTRAINT grant_no_exclusive_overlap;
ALTER TABLE grant_out ADD CONSTRAINT grant_no_exclusive_overlap EXCLUDE USING gist (
    title_id WITH =,
    territory WITH =,
    media WITH =,
    held_period WITH &&,
    exclusivity_span WITH &&
) WHERE (NOT oversold);
