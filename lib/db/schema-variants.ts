// One schema is edited: prisma/schema.prisma, written for SQLite and kept portable (no SQLite-only types or
// defaults). PostgreSQL's schema is derived from it by swapping the datasource provider and the generated
// client's folder, so the two cannot drift: `npm run db:generate` writes it and a test checks the
// committed copy. Each provider keeps its own migrations folder beside its schema.
import path from "node:path";
import type { DatabaseProvider } from "../env";

const ROOT = /*turbopackIgnore: true*/ process.cwd();

export const SCHEMA_FILES: Record<DatabaseProvider, string> = {
  sqlite: path.join("prisma", "schema.prisma"),
  postgresql: path.join("prisma", "postgresql", "schema.prisma"),
};

export const schemaPath = (p: DatabaseProvider) => path.resolve(ROOT, SCHEMA_FILES[p]);
export const migrationsDir = (p: DatabaseProvider) => path.resolve(ROOT, path.dirname(SCHEMA_FILES[p]), "migrations");

const GENERATED_NOTE = "// GENERATED from prisma/schema.prisma by `npm run db:generate`: edit that file, never this one.\n";

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
  if (matches !== 1) throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches}`);
  return text.replace(pattern, replacement);
}

/**
 * PostgreSQL's schema text from SQLite's. Json fields become `json`, not Prisma's default `jsonb`: stored as
 * written, so imported attributes keep the file's column order, as on SQLite (jsonb sorts keys by length).
 */
export function postgresSchemaFrom(sqlite: string): string {
  let s = replaceOnce(sqlite, /provider = "sqlite"/, 'provider = "postgresql"', 'provider = "sqlite" line');
  s = replaceOnce(s, /output(\s*)= "\.\.\/lib\/db\/generated"/, 'output$1= "../../lib/db/generated-pg"', 'generator output "../lib/db/generated"');
  s = s.replace(/^(\s+\w+\s+Json\??)(\s|$)/gm, "$1 @db.Json$2");
  return GENERATED_NOTE + s;
}
