-- Tandem store, version 2: documents get an insertion-ordered key `seq`,
-- and paragraphs, sentences and figures refer to it instead of the content
-- hash. New rows then always land at the end of their tables' B-trees, so
-- storing stays fast however large the store grows. `documents.id` (the
-- content hash) stays the public identifier; `figures.document_id` keeps it
-- too, and the views below give paragraphs and sentences with it.

PRAGMA defer_foreign_keys = ON;

DROP VIEW paragraph_texts;
DROP VIEW sentence_texts;

CREATE TABLE documents_v2 (
    seq            INTEGER PRIMARY KEY,   -- insertion order; paragraphs, sentences and figures refer to it
    id             TEXT NOT NULL UNIQUE,  -- content hash of the text (blake3, 32 hex chars)
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
    supersedes     TEXT REFERENCES documents_v2(id),
    is_latest      INTEGER NOT NULL DEFAULT 1,  -- 1 = current version of its source
    ingested_at    TEXT NOT NULL,         -- UTC, RFC 3339
    text           TEXT NOT NULL
);
INSERT INTO documents_v2 (seq, id, name, source, url, title, date, date_precision, language, format,
                          bytes, version, supersedes, is_latest, ingested_at, text)
    SELECT rowid, id, name, source, url, title, date, date_precision, language, format,
           bytes, version, supersedes, is_latest, ingested_at, text
    FROM documents ORDER BY rowid;

CREATE TABLE paragraphs_v2 (
    document       INTEGER NOT NULL REFERENCES documents_v2(seq) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- 0-based position in the document
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    language       TEXT NOT NULL,
    PRIMARY KEY (document, ordinal)
) WITHOUT ROWID;
INSERT INTO paragraphs_v2
    SELECT d.seq, p.ordinal, p.start_offset, p.end_offset, p.language
    FROM paragraphs p JOIN documents_v2 d ON d.id = p.document_id ORDER BY d.seq, p.ordinal;

CREATE TABLE sentences_v2 (
    document       INTEGER NOT NULL REFERENCES documents_v2(seq) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- 0-based position in the document
    paragraph      INTEGER NOT NULL,      -- paragraphs.ordinal
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    PRIMARY KEY (document, ordinal)
) WITHOUT ROWID;
INSERT INTO sentences_v2
    SELECT d.seq, s.ordinal, s.paragraph, s.start_offset, s.end_offset
    FROM sentences s JOIN documents_v2 d ON d.id = s.document_id ORDER BY d.seq, s.ordinal;

CREATE TABLE figures_v2 (
    id             INTEGER PRIMARY KEY,
    document       INTEGER NOT NULL REFERENCES documents_v2(seq) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,         -- documents.id of `document`, repeated for convenience
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
INSERT INTO figures_v2 (id, document, document_id, ordinal, text, occurrence, value, value_max, unit, approx,
                        indicator, measure, subject, partner, kind, period, start_offset, end_offset, sentence)
    SELECT f.id, d.seq, f.document_id, f.ordinal, f.text, f.occurrence, f.value, f.value_max, f.unit, f.approx,
           f.indicator, f.measure, f.subject, f.partner, f.kind, f.period, f.start_offset, f.end_offset, f.sentence
    FROM figures f JOIN documents_v2 d ON d.id = f.document_id ORDER BY f.id;

DROP TABLE figures;
DROP TABLE sentences;
DROP TABLE paragraphs;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
ALTER TABLE paragraphs_v2 RENAME TO paragraphs;
ALTER TABLE sentences_v2 RENAME TO sentences;
ALTER TABLE figures_v2 RENAME TO figures;

CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX figures_document ON figures(document);

-- Paragraphs and sentences with their document's id and their text
-- (offsets are bytes, hence the BLOB cast).
CREATE VIEW paragraph_texts AS
    SELECT d.id AS document_id, p.ordinal, p.language,
           CAST(substr(CAST(d.text AS BLOB), p.start_offset + 1, p.end_offset - p.start_offset) AS TEXT) AS text
    FROM paragraphs p JOIN documents d ON d.seq = p.document;
CREATE VIEW sentence_texts AS
    SELECT d.id AS document_id, s.ordinal, s.paragraph,
           CAST(substr(CAST(d.text AS BLOB), s.start_offset + 1, s.end_offset - s.start_offset) AS TEXT) AS text
    FROM sentences s JOIN documents d ON d.seq = s.document;
