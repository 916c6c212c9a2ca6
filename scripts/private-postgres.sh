# Sourced by scripts/test-all.sh: when TEST_POSTGRES_URL is unset and PostgreSQL's initdb is installed, starts
# a private cluster under a temporary folder (a local socket and a free loopback port, no system service),
# exports TEST_POSTGRES_URL for the tests that need PostgreSQL, and stops and removes it when the shell exits.
# Without either it says plainly that PostgreSQL's share is skipped.

start_private_postgres() {
  if [ -n "${TEST_POSTGRES_URL:-}" ]; then
    echo "PostgreSQL tests use TEST_POSTGRES_URL (credentials not shown)."
    return 0
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL tests are SKIPPED: no TEST_POSTGRES_URL and no initdb (Debian: apt-get install postgresql)."
    return 0
  fi
  PG_TMP=$(mktemp -d /tmp/marketlens-pg.XXXXXX)
  local port as=()
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  # initdb refuses to run as root: the cluster belongs to the postgres user then.
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$PG_TMP"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  PG_BIN=$bin
  PG_AS=("${as[@]}")
  trap stop_private_postgres EXIT
  export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL tests use a private $("$bin/postgres" --version | awk '{print $3}') cluster on 127.0.0.1:$port (stopped at the end)."
}

stop_private_postgres() {
  [ -n "${PG_TMP:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
