#!/usr/bin/env bash
# Serves the built app on a fresh, seeded database for the browser tests: a SQLite file, or with
# E2E_POSTGRES_URL (a server URL; scripts/test-all.sh sets it for the PostgreSQL run) a new database there.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3199}
export NEXT_TELEMETRY_DISABLED=1
if [ -n "${E2E_POSTGRES_URL:-}" ]; then
  DATABASE_URL=$(node --import tsx scripts/fresh-postgres-database.ts "$E2E_POSTGRES_URL" marketlens_e2e)
  export DATABASE_URL
else
  export DATABASE_URL="file:./data/e2e.db"
  rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
fi
node --import tsx scripts/cli.ts seed --end-date 2026-11-22 >&2
# As npm start serves it: the front, the pages' process and the API's (scripts/serve.ts).
exec node --import tsx scripts/serve.ts -H 127.0.0.1 -p "$port"
