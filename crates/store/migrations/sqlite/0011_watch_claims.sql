-- Tandem store, version 11: claims on the items of `tandem watch`, so that
-- watchers on several machines sharing one store split the articles of a
-- round and fetch none twice. A watcher claims a batch of pending items
-- before it downloads their pages (on PostgreSQL with
-- `FOR UPDATE SKIP LOCKED`); an item claimed by another watcher whose lease
-- has not ended is left to it. The watcher renews its leases while its
-- round runs and gives them back when the round ends; a watcher killed
-- midway stops renewing them, and once they have ended the items are
-- claimed again by the next round of any watcher.
-- Times are UTC, 'YYYY-MM-DDTHH:MM:SS.mmmZ'.
ALTER TABLE watch_items ADD COLUMN claimed_by TEXT;     -- the round holding or last holding it:
                                                       -- host:process:start
ALTER TABLE watch_items ADD COLUMN claimed_until TEXT;  -- end of its claim's lease; NULL once given back

-- the claims a watcher renews and gives back
CREATE INDEX watch_items_claimed ON watch_items (claimed_by) WHERE claimed_until IS NOT NULL;
