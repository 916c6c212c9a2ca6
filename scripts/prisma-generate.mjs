#!/usr/bin/env node
// Generates the Prisma client without the native engines, which cannot be downloaded here.
// `prisma generate` only checks that a schema-engine file exists (../shared/STACK-NOTES.md), so any
// existing file will do; migrations go through the WebAssembly engine instead (scripts/db-migrate.ts).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const schema = path.join(process.cwd(), "prisma", "schema.prisma");
if (!existsSync(schema)) {
  console.error(`prisma-generate: no schema at ${schema}`);
  process.exit(1);
}
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
