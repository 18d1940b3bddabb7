-- Every grant of a title (GET /api/titles/{id}/grants, avails history, deleting a title's foreign keys):
-- the partial index on blocking grants cannot serve queries that include released and expired ones.
CREATE INDEX grant_out_title ON grant_out (title_id, territory, media, window_start);
