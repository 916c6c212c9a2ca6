// Global set-up of a PostgreSQL test run (vitest.postgres.config.ts): one template database, migrated once,
// that every test file copies (CREATE DATABASE … TEMPLATE takes a fraction of a second; migrating takes
// seconds). Dropped at the end.
import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { adminQuery, withDatabase } from "./lib/db/postgres-admin";
import { applyMigrations } from "./lib/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error("vitest.postgres.config.ts needs TEST_POSTGRES_URL (npm test starts a private cluster: scripts/private-postgres.sh)");
  const template = `marketlens_template_${randomUUID().replace(/-/g, "")}`;
  await adminQuery(server, `CREATE DATABASE "${template}"`);
  await applyMigrations(withDatabase(server, template));
  project.provide("postgresTemplate", template);
  return async () => {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}
