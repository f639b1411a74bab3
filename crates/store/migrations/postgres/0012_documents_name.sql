-- Tandem store, version 12, for PostgreSQL (twin of
-- ../sqlite/0012_documents_name.sql): an index on documents' names.
CREATE INDEX documents_name ON documents(name);
