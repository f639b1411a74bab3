-- Tandem store, version 12: indexes for what the API asks most.
-- A document asked for by name (`/api/documents/{name}`, the current
-- version of a source) is found without reading the whole table.
CREATE INDEX documents_name ON documents(name);
-- The overview's counts (`/api/stats`, `tandem stats`) read these small
-- indexes instead of the tables, which hold the texts and the sentences:
-- documents per version state, language and date, and figures per
-- indicator, kind and product.
CREATE INDEX documents_overview ON documents(is_latest, language, date);
CREATE INDEX figures_breakdown ON figures(indicator, kind, product);
