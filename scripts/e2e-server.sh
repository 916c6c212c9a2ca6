#!/usr/bin/env bash
# Serves the built app on a fresh, seeded database for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3199}
export DATABASE_URL="file:./data/e2e.db" NEXT_TELEMETRY_DISABLED=1
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
node --import tsx scripts/cli.ts seed --end-date 2026-11-22 >&2
exec npx next start -H 127.0.0.1 -p "$port"
