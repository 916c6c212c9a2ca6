// Writes PostgreSQL's schema from the one edited schema (lib/db/schema-variants.ts), then generates both
// Prisma clients without the native engines, which cannot be downloaded here. `prisma generate` only checks
// that a schema-engine file exists (../shared/STACK-NOTES.md), so any existing file will do; migrations go
// through the WebAssembly engine instead (scripts/db-migrate.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { postgresSchemaFrom, schemaPath } from "../lib/db/schema-variants";

const require = createRequire(import.meta.url);
const sqlite = schemaPath("sqlite");
if (!existsSync(sqlite)) {
  console.error(`prisma-generate: no schema at ${sqlite}`);
  process.exit(1);
}
const postgres = schemaPath("postgresql");
const derived = postgresSchemaFrom(readFileSync(sqlite, "utf8"));
if (!existsSync(postgres) || readFileSync(postgres, "utf8") !== derived) {
  mkdirSync(path.dirname(postgres), { recursive: true });
  writeFileSync(postgres, derived);
  console.log(`prisma-generate: wrote ${path.relative(process.cwd(), postgres)}`);
}
const cli = require.resolve("prisma/build/index.js");
for (const schema of [sqlite, postgres]) {
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
