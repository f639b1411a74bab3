-- Tandem store, version 7: projects, as each document reports them (read by
-- tandem-events from the same text as the figures, see gold/EVENTS.md).
--
-- `projects` is the registry: one row per named project, whatever the
-- number of documents, languages and scripts that report it (reports whose
-- names fold to the same `key` are one project). `project_reports` holds
-- each report: one row per project per document, with what that document
-- says of it then (status, value, jobs…), and also the counts of projects
-- a document states ("78 joint projects worth over $1.7 bn"), which are no
-- project (`project` NULL, `count` set). A project's history is its reports
-- ordered by `date`.
-- Offsets are UTF-8 byte offsets into documents.text (end exclusive).

CREATE TABLE projects (
    id             INTEGER PRIMARY KEY,   -- the project's number (`tandem projects ID`, /api/projects/ID)
    key            TEXT NOT NULL UNIQUE,  -- the name folded: each word transliterated to ASCII and cut to five
                                          -- letters ("Южный поток", "Южного потока" → "yuzhn potok")
    name           TEXT NOT NULL          -- the name as the first report writes it
);

CREATE TABLE project_reports (
    document       INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,         -- documents.id of `document`, repeated for convenience
    ordinal        INTEGER NOT NULL,      -- 0-based position among the document's project reports
    project        INTEGER REFERENCES projects(id), -- the project reported; NULL for a count of projects
    name           TEXT,                  -- the name as this report writes it; NULL for a count
    count          INTEGER,               -- how many projects, for a count ("78 joint projects"); NULL otherwise
    sides          TEXT NOT NULL,         -- ISO 3166-1 alpha-2 codes of the countries taking part, sorted, comma-separated
    sector         TEXT,                  -- energy | industry | logistics | transport | agriculture | trade | construction | mining
    place          TEXT,                  -- city or region as written
    value          REAL,                  -- cost or investment, in `currency` (a count's: the total)
    currency       TEXT,                  -- ISO 4217
    capacity       REAL,                  -- capacity, in `capacity_unit`
    capacity_unit  TEXT,                  -- unit of `capacity`, as figures.unit
    jobs           REAL,                  -- jobs created or to be created
    status         TEXT,                  -- planned | agreed | under_construction | launched; NULL when the text says none
    date           TEXT,                  -- when the status was reported: the sentence's day or month, else the
                                          -- document's date (YYYY-MM-DD | YYYY-MM | YYYY); NULL when neither
    language       TEXT NOT NULL,         -- language of the reporting sentence
    start_offset   INTEGER NOT NULL,      -- the reporting sentence
    end_offset     INTEGER NOT NULL,
    sentence       TEXT NOT NULL,
    PRIMARY KEY (document, ordinal)
);
CREATE INDEX project_reports_project ON project_reports(project, date);
