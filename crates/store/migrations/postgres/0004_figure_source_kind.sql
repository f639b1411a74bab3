-- Tandem store, version 4, for PostgreSQL (twin of
-- ../sqlite/0004_figure_source_kind.sql): where a figure comes from, and
-- the table cell of an official one.
ALTER TABLE figures ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'news'
    CHECK (source_kind IN ('news', 'official'));
ALTER TABLE figures ADD COLUMN cell TEXT;
