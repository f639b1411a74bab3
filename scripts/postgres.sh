# Sourced by scripts/test.sh: starts a throwaway PostgreSQL server on
# loopback for the store tests and exports TANDEM_TEST_PG with its URL;
# the server and its files are removed when the calling shell exits.
# Does nothing (the PostgreSQL tests then say they are skipped) when no
# PostgreSQL binaries are installed.

pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

start_test_postgres() {
  local bin dir port owner=()
  bin=$(pg_bin_dir) || true
  if [ -z "$bin" ]; then
    echo "(no PostgreSQL binaries found: PostgreSQL store tests will be skipped)"
    return 0
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/tandem-pg.XXXXXX")
  # PostgreSQL refuses to run as root: run it as the `postgres` user (or nobody).
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$dir"
    owner=(runuser -u "$user" --)
  fi
  port=$(free_port)
  "${owner[@]}" "$bin/initdb" -D "$dir/data" -U tandem -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log"; return 1; }
  "${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c full_page_writes=off" start >/dev/null ||
    { cat "$dir/server.log"; return 1; }
  TANDEM_PG_DIR=$dir
  TANDEM_PG_STOP=("${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop)
  trap stop_test_postgres EXIT
  export TANDEM_TEST_PG="postgres://tandem@127.0.0.1:$port/postgres"
  echo "== PostgreSQL for the tests at $TANDEM_TEST_PG ($("$bin/postgres" --version))"
}

stop_test_postgres() {
  if [ -n "${TANDEM_PG_DIR:-}" ]; then
    "${TANDEM_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$TANDEM_PG_DIR"
    TANDEM_PG_DIR=
  fi
}
