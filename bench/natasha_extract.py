#!/usr/bin/env python3
"""Times natasha's money and dates extractors on the same texts as `tandem bench extract`.

usage: natasha_extract.py TEXTS.jsonl [RUNS]
TEXTS.jsonl: one JSON string a line (written by `tandem bench extract --dump`).
Prints the median MB/s over RUNS runs (one core, as natasha is single-threaded)
and how many matches each extractor found.
"""
import json
import statistics
import sys
import time

from natasha import DatesExtractor, MoneyExtractor, MorphVocab


def main():
    texts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    vocab = MorphVocab()
    money, dates = MoneyExtractor(vocab), DatesExtractor(vocab)
    size = sum(len(t.encode("utf-8")) for t in texts)
    rates, found = [], (0, 0)
    for _ in range(runs):
        t0 = time.perf_counter()
        m = d = 0
        for t in texts:
            m += sum(1 for _ in money(t))
            d += sum(1 for _ in dates(t))
        rates.append(size / 1e6 / (time.perf_counter() - t0))
        found = (m, d)
    print(f"natasha money+dates: {len(texts)} documents, {size/1e6:.2f} MB: median {statistics.median(rates):.2f} MB/s "
          f"(runs: {', '.join(f'{r:.2f}' for r in rates)}); {found[0]} money, {found[1]} dates matches")


if __name__ == "__main__":
    main()
