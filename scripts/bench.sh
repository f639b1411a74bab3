#!/usr/bin/env bash
# Every benchmark whose figures go into BENCHMARKS.md. Run from the repo root
# on an otherwise idle machine: `bash scripts/bench.sh 2>&1 | tee bench-data/bench.log`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p tandem-cli
T=target/release/tandem
mkdir -p bench-data

# the same corpus at four sizes: peak memory must not depend on the size
SIZES="25k 50k 100k 200k"
for size in $SIZES; do
  [ -d "bench-data/synth-$size" ] || $T bench gen "bench-data/synth-$size" --docs "${size%k}000"
done

echo "== ingest (end to end: read, analyse, extract, store, index)"
for size in $SIZES; do
  echo "-- $size documents"
  $T bench ingest "bench-data/synth-$size" --db "bench-data/ingest-$size/tandem.db"
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
$T bench search --db bench-data/ingest-100k/tandem.db --runs 20

echo "== HTTP API load test on loopback"
cargo bench -p tandem-server --bench http
