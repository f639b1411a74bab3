-- Tandem store, version 5, for PostgreSQL (twin of
-- ../sqlite/0005_watch_state.sql): what `tandem watch` has seen.
CREATE TABLE watch_sources (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_fetched_at TEXT,
    last_error     TEXT
);

CREATE TABLE watch_items (
    url            TEXT PRIMARY KEY,
    feed_url       TEXT NOT NULL,
    title          TEXT,
    date           TEXT,
    first_seen_at  TEXT NOT NULL,
    ingested_at    TEXT,
    document_id    TEXT,
    etag           TEXT,
    last_modified  TEXT,
    attempts       BIGINT NOT NULL DEFAULT 0,
    last_error     TEXT
);

CREATE INDEX watch_items_pending ON watch_items (first_seen_at) WHERE ingested_at IS NULL;
