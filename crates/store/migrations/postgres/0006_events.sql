-- Tandem store, version 6, for PostgreSQL (twin of
-- ../sqlite/0006_events.sql; integers are BIGINT and reals DOUBLE
-- PRECISION so that both engines read the same values): events and
-- agreements, as each document reports them (read by tandem-events from
-- the same text as the figures).
--
-- One row of `events` is one document's report of an event: the same
-- visit reported by three articles is three rows. `tandem events` (and
-- `tandem_events::merge`) groups the rows of one event — same type, same
-- countries, dates within three days, same place country when both name
-- one — into one record that lists every report as a source.
-- Offsets are UTF-8 byte offsets into documents.text (end exclusive).

CREATE TABLE events (
    document       BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,         -- documents.id of `document`, repeated for convenience
    ordinal        BIGINT NOT NULL,       -- 0-based position among the document's events
    type           TEXT NOT NULL,         -- state_visit | official_visit | working_visit | visit (kind not stated)
                                          -- | summit | session (of a council or commission) | forum | talks | phone_call
    countries      TEXT NOT NULL,         -- ISO 3166-1 alpha-2 codes of the countries taking part, sorted, comma-separated ("KZ,UZ")
    city           TEXT,                  -- the city as written, when the text names one
    place_country  TEXT,                  -- ISO code of the country where it takes place, when named
    date           TEXT,                  -- YYYY-MM-DD | YYYY-MM-DD..YYYY-MM-DD | YYYY-MM, resolved against the
                                          -- document's date; NULL when the text names none (or the document has no date)
    language       TEXT NOT NULL,         -- language of the reporting sentence
    start_offset   BIGINT NOT NULL,       -- the reporting sentence
    end_offset     BIGINT NOT NULL,
    sentence       TEXT NOT NULL,
    PRIMARY KEY (document, ordinal)
);
CREATE INDEX events_type_date ON events(type, date);

-- People named as taking part in an event, one row each.
CREATE TABLE event_participants (
    document       BIGINT NOT NULL,       -- events.document
    event          BIGINT NOT NULL,       -- events.ordinal
    name           TEXT,                  -- as written; NULL when only the office is named
    office         TEXT,                  -- president | prime_minister | head_of_state | head_of_government | minister | ambassador | governor
    country        TEXT,                  -- ISO code of the country the person represents
    FOREIGN KEY (document, event) REFERENCES events(document, ordinal) ON DELETE CASCADE
);
CREATE INDEX event_participants_event ON event_participants(document, event);

-- Documents signed, as a document reports them ("17 documents were signed").
CREATE TABLE agreements (
    document       BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,
    ordinal        BIGINT NOT NULL,       -- 0-based position among the document's agreements
    count          BIGINT,                -- how many documents, when a number says so
    value          DOUBLE PRECISION,      -- their total value when stated, in `currency`
    currency       TEXT,                  -- ISO 4217
    event          BIGINT,                -- events.ordinal (same document) of the event they were signed at
    sides          TEXT NOT NULL,         -- ISO codes of the signing sides, sorted, comma-separated
    date           TEXT,                  -- as events.date
    figure         BIGINT,                -- figures.ordinal (same document) of the figure of indicator
                                          -- `agreements` that states the count
    language       TEXT NOT NULL,
    start_offset   BIGINT NOT NULL,
    end_offset     BIGINT NOT NULL,
    sentence       TEXT NOT NULL,
    PRIMARY KEY (document, ordinal)
);
