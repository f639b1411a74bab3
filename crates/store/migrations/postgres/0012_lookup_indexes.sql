-- Tandem store, version 12, for PostgreSQL (twin of
-- ../sqlite/0012_lookup_indexes.sql, where they are described): indexes
-- for a document by name and for the overview's counts.
CREATE INDEX documents_name ON documents(name);
CREATE INDEX documents_overview ON documents(is_latest, language, date);
CREATE INDEX figures_breakdown ON figures(indicator, kind, product);
