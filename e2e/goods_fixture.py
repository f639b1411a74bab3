#!/usr/bin/env python3
"""Adds hand-made documents about goods to a Tandem store, for the browser tests.

Extraction does not fill `figures.product` yet, so the dashboard's goods
filter, a series point whose sources disagree and figures whose text states
no period or no sides are tested on these documents, written straight into
the store (schema version 3 or later) with every figure's fields set by
hand: Kazakh exports of wheat (HS 10) and cement (HS 25) to Uzbekistan, two
sources that disagree on 2024 wheat, a monthly wheat figure without a
period, and coal freight (HS 27) whose text names neither period nor sides.

Usage: goods_fixture.py STORE.db
"""

import hashlib
import sqlite3
import sys

# (name, date, language, title, paragraphs, figures); each figure is
# (text, value, approx, indicator, measure, subject, partner, kind, period, unit, product).
DOCUMENTS = [
    (
        "e2e-wheat-cement-2024",
        "2025-02-20",
        "en",
        "Kazakhstan ships wheat and cement to Uzbekistan",
        [
            "In 2024 Kazakhstan exported 1.2 million tonnes of wheat and 0.4 million tonnes of cement to Uzbekistan.",
            "In 2023 wheat exports to Uzbekistan were 0.9 million tonnes.",
            "Rail shipments of coal reached 5 million tonnes.",
        ],
        [
            ("1.2 million tonnes", 1.2e6, "exact", "trade.export", "level", "KZ", "UZ", "actual", "2024", "tonne", "10"),
            ("0.4 million tonnes", 0.4e6, "exact", "trade.export", "level", "KZ", "UZ", "actual", "2024", "tonne", "25"),
            ("0.9 million tonnes", 0.9e6, "exact", "trade.export", "level", "KZ", "UZ", "actual", "2023", "tonne", "10"),
            ("5 million tonnes", 5.0e6, "exact", "freight", "level", None, None, "actual", None, "tonne", "27"),
        ],
    ),
    (
        "e2e-wheat-ru-2024",
        "2025-03-05",
        "ru",
        "Экспорт пшеницы в Узбекистан",
        [
            "Экспорт пшеницы из Казахстана в Узбекистан в 2024 году достиг 1,5 млн тонн.",
            "Ежемесячно в Узбекистан отгружается около 120 тыс. тонн казахстанского зерна.",
        ],
        [
            ("1,5 млн тонн", 1.5e6, "exact", "trade.export", "level", "KZ", "UZ", "actual", "2024", "tonne", "10"),
            ("120 тыс. тонн", 1.2e5, "about", "trade.export", "level", "KZ", None, "actual", None, "tonne", "10"),
        ],
    ),
]


def add(conn, name, date, language, title, paragraphs, figures):
    text = "\n\n".join(paragraphs)
    raw = text.encode("utf-8")
    doc_id = hashlib.blake2b(raw, digest_size=16).hexdigest()
    if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
        return
    cur = conn.execute(
        """INSERT INTO documents (id, name, source, url, title, date, date_precision, language, format,
                                  bytes, version, supersedes, is_latest, ingested_at, text)
           VALUES (?, ?, ?, NULL, ?, ?, 'day', ?, 'txt', ?, 1, NULL, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)""",
        (doc_id, name, f"e2e/{name}.txt", title, date, language, len(raw), text),
    )
    seq = cur.lastrowid
    start = 0
    spans = []
    for i, p in enumerate(paragraphs):
        end = start + len(p.encode("utf-8"))
        spans.append((start, end, p))
        conn.execute("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)", (seq, i, start, end, language))
        conn.execute("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", (seq, i, i, start, end))
        start = end + 2
    for i, (ftext, value, approx, indicator, measure, subject, partner, kind, period, unit, product) in enumerate(figures):
        at = raw.find(ftext.encode("utf-8"))
        assert at >= 0, ftext
        sentence = next(p for (a, b, p) in spans if a <= at < b)
        conn.execute(
            """INSERT INTO figures (document, document_id, ordinal, text, occurrence, value, value_max, unit, approx,
                                    indicator, measure, subject, partner, kind, period, start_offset, end_offset,
                                    sentence, product)
               VALUES (?, ?, ?, ?, 1, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (seq, doc_id, i, ftext, value, unit, approx, indicator, measure, subject, partner, kind, period,
             at, at + len(ftext.encode("utf-8")), sentence, product),
        )


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    conn = sqlite3.connect(sys.argv[1])
    version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
    if version < 3:
        sys.exit(f"store schema version {version} has no figures.product; ingest with this Tandem first")
    with conn:
        for doc in DOCUMENTS:
            add(conn, *doc)
    conn.close()


if __name__ == "__main__":
    main()
