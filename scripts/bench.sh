#!/usr/bin/env bash
# Every benchmark whose figures go into BENCHMARKS.md. Run from the repo root
# on an otherwise idle machine: `bash scripts/bench.sh 2>&1 | tee bench-data/bench.log`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p tandem-cli
T=target/release/tandem
mkdir -p bench-data

for n in 25000 100000; do
  [ -d "bench-data/synth-$n" ] || $T bench gen "bench-data/synth-$n" --docs "$n"
done

echo "== ingest (end to end: read, analyse, extract, store, index)"
for n in 25000 100000; do
  echo "-- $n documents"
  $T bench ingest "bench-data/synth-$n" --db "bench-data/ingest-$n/tandem.db"
done

echo "== extraction on one core"
$T bench extract bench-data/synth-100k --max-mb 50
if [ -d ../shared/corpus ]; then
  $T bench extract ../shared/corpus --runs 9
fi

echo "== Russian: tandem vs natasha (money + dates extractors) on the same texts"
if python3 -c "import natasha" 2>/dev/null || pip install -q natasha; then
  $T bench extract bench-data/synth-25k --lang ru --max-mb 2 --runs 3 --dump bench-data/ru-texts.jsonl
  python3 bench/natasha_extract.py bench-data/ru-texts.jsonl 1
fi

echo "== search latency on the 100,000-document index"
$T bench search --db bench-data/ingest-100000/tandem.db --runs 20

echo "== HTTP API load test on loopback"
cargo bench -p tandem-server --bench http
