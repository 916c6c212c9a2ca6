// The unit tests that touch the database, run again on PostgreSQL (npm test does this when it has a server:
// scripts/test-all.sh). Each file gets its own database copied from a migrated template (vitest.setup.ts).
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * The files that run on PostgreSQL too: every test that touches the database (lib/db/postgres-coverage.test.ts
 * fails when one is missing), except those in SQLITE_ONLY_TEST_FILES.
 */
export const POSTGRES_TEST_FILES = [
  "app/api/audit/route.test.ts",
  "app/api/imports/route.test.ts",
  "app/api/scores/[customerId]/route.test.ts",
  "app/api/segments/count/route.test.ts",
  "app/api/targeting/export/route.test.ts",
  "app/campaigns/scoring/file/actions.test.ts",
  "app/data/import/actions.test.ts",
  "app/recommendations/actions.test.ts",
  "app/recommendations/preview-state.test.ts",
  "app/segments/rule-actions.test.ts",
  "lib/action.test.ts",
  "lib/architecture.test.ts",
  "lib/auth/access-matrix.test.ts",
  "lib/auth/auth.test.ts",
  "lib/auth/pii-crypto.test.ts",
  "lib/auth/review-fixes.test.ts",
  "lib/db/customer-profile.test.ts",
  "lib/db/date-boundaries.test.ts",
  "lib/db/db.test.ts",
  "lib/db/direct.test.ts",
  "lib/db/segment-profile.test.ts",
  "lib/db/segment-rules.test.ts",
  "lib/db/segments.test.ts",
  "lib/http/route.test.ts",
  "lib/services/campaigns/campaigns.test.ts",
  "lib/services/campaigns/demo-findings.test.ts",
  "lib/services/campaigns/uplift.test.ts",
  "lib/services/gdpr.test.ts",
  "lib/services/import/hash-emails.test.ts",
  "lib/services/import/import.test.ts",
  "lib/services/import/real-files.test.ts",
  "lib/services/jobs/runner.test.ts",
  "lib/services/jobs/workers.test.ts",
  "lib/services/recs/fairness.test.ts",
  "lib/services/recs/recs-service.test.ts",
  "lib/services/scoring/fairness.test.ts",
  "lib/services/scoring/scoring.test.ts",
  "lib/services/segments/clusters.test.ts",
  "lib/services/segments/rfm.test.ts",
];

/** Tests of what only SQLite has, with the reason. */
export const SQLITE_ONLY_TEST_FILES: Record<string, string> = {
  "lib/db/bulk-load.test.ts": "SQLite's bulk-load mode drops and rebuilds Event's indexes; PostgreSQL keeps them",
  "lib/db/copy-database.test.ts": "copies a SQLite database into PostgreSQL: its source is SQLite by design (it uses TEST_POSTGRES_URL itself)",
};

// Not mergeConfig: it would append to the base's include list instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: POSTGRES_TEST_FILES,
    globalSetup: ["./vitest.postgres-global.ts"],
    env: { MARKETLENS_TEST_PROVIDER: "postgresql" },
  },
});
