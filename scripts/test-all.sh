#!/usr/bin/env bash
# npm test: the linter (ESLint), every unit test (Vitest) on SQLite, then the database tests again on
# PostgreSQL, then the browser journeys (Playwright in Chromium) against a fresh production build, on SQLite
# and on PostgreSQL. PostgreSQL's share runs against TEST_POSTGRES_URL, or a private cluster when PostgreSQL
# is installed (scripts/private-postgres.sh); without either it is skipped, saying so. The browser tests are
# never skipped: without a Chromium this stops with one line saying how to get one.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

find_chromium() {
  if [ -n "${MARKETLENS_CHROMIUM:-}" ]; then
    [ -x "$MARKETLENS_CHROMIUM" ] && { echo "$MARKETLENS_CHROMIUM"; return 0; }
    echo "MARKETLENS_CHROMIUM=$MARKETLENS_CHROMIUM is not an executable file." >&2
    return 1
  fi
  # Playwright's own browser, when `npx playwright install` could download one.
  local own
  own=$(node -e 'try{const p=require("playwright-core").chromium.executablePath();if(require("fs").existsSync(p))console.log(p)}catch{}' 2>/dev/null || true)
  [ -n "$own" ] && { echo "$own"; return 0; }
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; return 0; }
  fi
  return 1
}

# shellcheck source=scripts/private-postgres.sh
source scripts/private-postgres.sh
start_private_postgres

if [ "${1:-}" != "--e2e-only" ]; then
  npm run lint
  npx vitest run
  # The database tests again on PostgreSQL, each file on its own copy of a migrated database.
  if [ -n "${TEST_POSTGRES_URL:-}" ]; then
    echo "Database tests on PostgreSQL:"
    npx vitest run --config vitest.postgres.config.ts
  fi
fi

if ! chromium_path=$(find_chromium); then
  echo "Browser tests need Chromium: install it (Debian: sudo apt-get install chromium) or set MARKETLENS_CHROMIUM=/path/to/chrome." >&2
  exit 1
fi
export MARKETLENS_CHROMIUM="$chromium_path"
echo "Browser tests use $MARKETLENS_CHROMIUM"

npx next build
echo "Browser tests on SQLite:"
npx playwright test
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  echo "Browser tests on PostgreSQL:"
  E2E_POSTGRES_URL="$TEST_POSTGRES_URL" npx playwright test
fi
