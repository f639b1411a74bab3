-- What `tandem watch` has seen: each feed or sitemap it fetches, with the
-- validators of its last reply, and each item (article page) listed there,
-- from first sight to ingestion.
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
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT
);

CREATE INDEX watch_items_pending ON watch_items (first_seen_at) WHERE ingested_at IS NULL;
