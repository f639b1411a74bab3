-- Tandem store, version 9: the work queue of `tandem ingest` on a shared
-- store. Every worker process (`tandem ingest PATH…` or
-- `tandem ingest --worker`, on any machine) adds its input files here and
-- takes them out a batch at a time, so that several machines split one
-- ingest without reading a file twice. Only PostgreSQL stores use it (a
-- SQLite file has one writer, which ingests its inputs directly); the
-- table exists in both so that the two engines keep one schema.
--
-- An item's life: `pending` → `claimed` (by one worker, until its lease
-- ends; the worker renews the lease while it runs) → `done`, in the same
-- transaction that stores the item's documents. A worker killed while it
-- holds a claim stops renewing it: once `claimed_until` has passed,
-- another worker takes the item again (`attempts` counts the claims).
-- Times are UTC, 'YYYY-MM-DDTHH:MM:SS.mmmZ'.

CREATE TABLE ingest_queue (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival; claimed in this order
    path           TEXT NOT NULL UNIQUE,  -- absolute path of the input file; every worker must be able to read
                                          -- it (a shared file system mounted at the same place)
    bytes          INTEGER NOT NULL,      -- its size when it was added
    modified       TEXT,                  -- and its modification time (seconds since 1970, to the nanosecond):
                                          -- a later run queues a done file again only when one of the two changed
    state          TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'claimed', 'done')),
    claimed_by     TEXT,                  -- the worker holding or last holding it: host:process:start
    claimed_until  TEXT,                  -- end of the claim's lease
    attempts       INTEGER NOT NULL DEFAULT 0,  -- how many times it was claimed
    documents      INTEGER,               -- documents read from it (stored now or before), once done
    error          TEXT,                  -- once done: why it or some of its records were rejected, if so
    enqueued_at    TEXT NOT NULL,         -- when it was added (or added again by a later run)
    done_at        TEXT                   -- when its documents were stored
);

CREATE INDEX ingest_queue_open ON ingest_queue (id) WHERE state <> 'done';
