-- Tandem store, version 1.
-- Offsets are UTF-8 byte offsets into documents.text (end exclusive).

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,      -- content hash of the text (blake3, 32 hex chars)
    name           TEXT NOT NULL,         -- file stem, or the JSON Lines `id`
    source         TEXT NOT NULL,         -- file path (`path#id` inside JSON Lines, `-` for stdin)
    url            TEXT,
    title          TEXT,
    date           TEXT,                  -- YYYY | YYYY-MM | YYYY-MM-DD, NULL when undated
    date_precision TEXT,                  -- day | month | year, NULL when undated
    language       TEXT NOT NULL,         -- main language: kk uz-Cyrl uz-Latn ky tg ru en und
    format         TEXT NOT NULL,         -- txt | html | jsonl
    bytes          INTEGER NOT NULL,      -- size of text in bytes
    version        INTEGER NOT NULL,      -- 1 for the first content seen at this source, +1 for each change
    supersedes     TEXT REFERENCES documents(id),
    is_latest      INTEGER NOT NULL DEFAULT 1,  -- 1 = current version of its source
    ingested_at    TEXT NOT NULL,         -- UTC, RFC 3339
    text           TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE paragraphs (
    document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- 0-based position in the document
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    language       TEXT NOT NULL,
    PRIMARY KEY (document_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE sentences (
    document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- 0-based position in the document
    paragraph      INTEGER NOT NULL,      -- paragraphs.ordinal
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    PRIMARY KEY (document_id, ordinal)
) WITHOUT ROWID;

-- Paragraphs and sentences with their text (offsets are bytes, hence the BLOB cast).
CREATE VIEW paragraph_texts AS
    SELECT p.document_id, p.ordinal, p.language,
           CAST(substr(CAST(d.text AS BLOB), p.start_offset + 1, p.end_offset - p.start_offset) AS TEXT) AS text
    FROM paragraphs p JOIN documents d ON d.id = p.document_id;
CREATE VIEW sentence_texts AS
    SELECT s.document_id, s.ordinal, s.paragraph,
           CAST(substr(CAST(d.text AS BLOB), s.start_offset + 1, s.end_offset - s.start_offset) AS TEXT) AS text
    FROM sentences s JOIN documents d ON d.id = s.document_id;

CREATE TABLE figures (
    id             INTEGER PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- 0-based position among the document's figures
    text           TEXT NOT NULL,         -- the quantity as written
    occurrence     INTEGER NOT NULL,      -- which occurrence of `text` in the document
    value          REAL NOT NULL,         -- in base units
    value_max      REAL,                  -- upper end of a range
    unit           TEXT NOT NULL,         -- USD, KZT, percent, tonne, count, ...
    approx         TEXT NOT NULL,         -- exact | about | over | under
    indicator      TEXT NOT NULL,         -- trade.turnover, trade.export, ...
    measure        TEXT NOT NULL,         -- level | change_pct | share_pct | ratio
    subject        TEXT,                  -- ISO 3166-1 alpha-2
    partner        TEXT,
    kind           TEXT NOT NULL,         -- actual | target | forecast
    period         TEXT,                  -- 2024, 2025-01..2025-09, ..2030, ...
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    sentence       TEXT NOT NULL
);
CREATE INDEX figures_document ON figures(document_id);
