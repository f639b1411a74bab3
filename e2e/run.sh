#!/usr/bin/env bash
# Browser end-to-end tests of the Tandem dashboard.
# Builds `tandem`, ingests examples/corpus into a temporary store, serves it
# on a free loopback port, drives headless Chromium through every page
# (screenshots in artifacts/screenshots/), checks the knowledge-layer and
# export commands on the same store, then stops the server.
# Needs: cargo, python3, node >= 18, npm, Debian's `chromium` (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium_bin" ]; then
  echo "e2e: $chromium_bin not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
cargo build --quiet -p tandem-cli
bin=$root/target/debug/tandem
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" --db "$work/tandem.db" ingest --quiet examples/corpus >"$work/ingest.log" 2>&1 || {
  echo "e2e: ingest reported problems:" >&2; cat "$work/ingest.log" >&2
}
# Documents about goods, figures set by hand (extraction does not fill `product` yet).
python3 e2e/goods_fixture.py "$work/tandem.db"
"$bin" --db "$work/tandem.db" serve --addr 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^Tandem dashboard: \(http:\/\/[^ ]*\)$/\1/p' "$work/serve.log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "e2e: server exited:" >&2; cat "$work/serve.log" >&2; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { echo "e2e: server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "e2e: dashboard at $url"
if [ ! -d e2e/node_modules/playwright-core ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
mkdir -p artifacts/screenshots
TANDEM_URL=$url CHROMIUM="$chromium_bin" SCREENSHOT_DIR="$root/artifacts/screenshots" \
  TANDEM_BIN="$bin" TANDEM_DB="$work/tandem.db" \
  node --test --test-concurrency=1 e2e/cli.test.mjs e2e/dashboard.test.mjs
