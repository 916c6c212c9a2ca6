// One import exactly as a user runs it: `npm run -s cli -- import <kind> <file> --json` in a child process
// with its own DATABASE_URL, measured from outside, npm's own start included (issue 16 measures from the
// shell command's start to its exit).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import type { ImportSummary } from "../../lib/services/import/imports";
import { cliArgv, type Measured, removeDatabase, runMeasured } from "./measure";

/** The CLI's JSON summary. */
export type CliSummary = ImportSummary;

export interface CliImport extends Omit<Measured, "stdout"> {
  summary: CliSummary;
}

export class CountError extends Error {}

/** `database` is a SQLite file (which `fresh` deletes and migrates first) or a postgresql:// URL (never fresh here). */
export async function importThroughCli(kind: string, file: string, database: string, opts: { fresh: boolean }): Promise<CliImport> {
  const postgres = database.startsWith("postgresql:") || database.startsWith("postgres:");
  if (postgres && opts.fresh) throw new Error("importThroughCli: a fresh PostgreSQL database is the caller's to make");
  const dbFile = database;
  if (opts.fresh) {
    removeDatabase(dbFile);
    // Rejected-rows files live beside the database; a fresh database restarts job ids, so clear them too.
    rmSync(path.join(path.dirname(dbFile), "imports"), { recursive: true, force: true });
  }
  const env = { ...process.env, DATABASE_URL: postgres ? database : `file:${dbFile}` };
  // A fresh database is an empty, migrated one, as the app leaves it on first start; migrating is not
  // part of the import (and loads Prisma's schema engine, ~40 MB, into whichever process runs it).
  if (opts.fresh) {
    const migrate = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`db-migrate failed: ${migrate.stderr}`);
  }
  const m = await runMeasured("npm", [...cliArgv(), "import", kind, file, "--json"], env);
  if (m.code !== 0) throw new Error(`import ${kind} ${path.basename(file)} exited ${m.code}:\n${m.stderr.trim().split("\n").slice(-15).join("\n")}`);
  const last = m.stdout.trim().split("\n").pop() ?? "";
  let summary: CliSummary;
  try {
    summary = JSON.parse(last) as CliSummary;
  } catch {
    throw new Error(`import ${kind} printed no JSON summary; stdout ended with: ${last.slice(0, 300)}`);
  }
  if (summary.status !== "completed") throw new CountError(`import ${kind} ended with status ${summary.status}`);
  const { stdout: _stdout, ...rest } = m;
  return { ...rest, summary };
}

/** Throws a CountError listing every expectation the summary misses. */
export function expectCounts(label: string, s: CliSummary, expected: Partial<Record<string, number>>): void {
  const actual: Record<string, number> = { rowsRead: s.rowsRead, inserted: s.inserted, updated: s.updated, rejected: s.rejected, ...s.details };
  const misses = Object.entries(expected)
    .filter(([k, v]) => (actual[k] ?? 0) !== v)
    .map(([k, v]) => `${k} ${actual[k] ?? 0}, expected ${v}`);
  if (s.inserted + s.updated + s.unchanged + s.rejected !== s.rowsRead) misses.push(`inserted + updated + unchanged + rejected ≠ rowsRead (${s.rowsRead})`);
  if (misses.length) throw new CountError(`${label}: ${misses.join("; ")}`);
}
