-- Tandem store, version 12: an index on documents' names, so that a
-- document asked for by name (`/api/documents/{name}`, the current version
-- of a source) is found without reading the whole table.
CREATE INDEX documents_name ON documents(name);
