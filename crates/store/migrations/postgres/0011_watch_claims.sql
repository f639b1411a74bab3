-- Tandem store, version 11, for PostgreSQL (twin of
-- ../sqlite/0011_watch_claims.sql, where the columns are described):
-- claims on the items of `tandem watch`, taken with
-- `SELECT … FOR UPDATE SKIP LOCKED`, so two watchers never fetch the same
-- article.
ALTER TABLE watch_items ADD COLUMN claimed_by TEXT;
ALTER TABLE watch_items ADD COLUMN claimed_until TEXT;

-- the claims a watcher renews and gives back
CREATE INDEX watch_items_claimed ON watch_items (claimed_by) WHERE claimed_until IS NOT NULL;
