-- Tandem store, version 4: figures say where they come from.
-- `source_kind` is `official` for a figure read from a statistics table
-- (a national statistics office's table, a UN Comtrade export) and `news`
-- for one extracted from a document's text; figures stored before this
-- version were all extracted from text, so they get `news`. `cell` is the
-- table cell an official figure was read from (`Sheet1!C7`, or `C7` in a
-- CSV file), NULL for figures from text.

ALTER TABLE figures ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'news'
    CHECK (source_kind IN ('news', 'official'));
ALTER TABLE figures ADD COLUMN cell TEXT;
