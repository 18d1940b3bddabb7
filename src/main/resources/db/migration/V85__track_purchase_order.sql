-- The purchase order of a track's latest order, so a re-order shows (and pre-fills) the previous one.
ALTER TABLE delivery_track ADD COLUMN purchase_order text;
