#!/usr/bin/env bash
# The test command: formatting, lints, every test of the workspace, and the
# browser end-to-end tests. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

# The store tests run on SQLite and, against a throwaway PostgreSQL server
# started here (stopped on exit), on PostgreSQL too; an outside server can
# be named with TANDEM_TEST_PG instead.
if [ -z "${TANDEM_TEST_PG:-}" ]; then
  source scripts/postgres.sh
  start_test_postgres
fi

echo "== cargo test"
cargo test --workspace

if [ -f e2e/run.sh ]; then
  echo "== browser end-to-end tests"
  bash e2e/run.sh
fi
