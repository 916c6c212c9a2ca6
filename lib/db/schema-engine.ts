// Migrations through Prisma's WebAssembly schema engine. The Prisma CLI's `migrate` commands need a
// native engine that cannot be downloaded here (../shared/STACK-NOTES.md); the WebAssembly build comes
// from npm and writes the same prisma/migrations folder and _prisma_migrations table, so the stock
// `prisma migrate deploy` can take over wherever the native engine is available.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { sqliteFilePath } from "../env";

const requireFromHere = createRequire(import.meta.url);

export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
const LOCKFILE = "migration_lock.toml";
const FILTERS = { externalTables: [], externalEnums: [] };

interface Engine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  devDiagnostic(input: unknown): Promise<{ action: { tag: string; reason?: string } }>;
  createMigration(input: unknown): Promise<{ generatedMigrationName: string; migrationScript: string | null }>;
  free(): void;
}

let glue: { SchemaEngine: { new: (o: unknown, log: (s: string) => void, a: object) => Promise<Engine> } } | undefined;

async function loadGlue() {
  if (glue) return glue;
  const gluePath = requireFromHere.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const mod = await import(gluePath);
  const wasm = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": mod });
  mod.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  glue = mod;
  return mod as NonNullable<typeof glue>;
}

interface OpenEngine {
  engine: Engine;
  /** Frees the engine and closes the connections it opened (freeing alone leaves the file locked). */
  close(): Promise<void>;
}

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const { SchemaEngine } = await loadGlue();
  const schemaText = readFileSync(SCHEMA_PATH, "utf8");
  const base = new PrismaBetterSqlite3({ url: `file:${file}` });
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked: Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0] = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      const a = await base.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await base.connectToShadowDb();
      opened.push(a);
      // The engine replays each migration file on the shadow database with one executeRaw call, which
      // better-sqlite3 refuses ("more than one statement"); a parameterless script goes through exec.
      const executeRaw = a.executeRaw.bind(a);
      a.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await a.executeScript(query.sql);
        return 0;
      };
      return a;
    },
  };
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schemaText]] }, () => {}, bindMigrationAwareSqlAdapterFactory(tracked));
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}

function listMigrations() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/**
 * True when every committed migration is recorded as finished in the database. Read with a plain query, so
 * a process that finds nothing to do never loads the engine (its WebAssembly memory, ~40 MB, is never
 * given back once loaded).
 */
function isUpToDate(databaseUrl: string): boolean {
  const file = sqliteFilePath(databaseUrl);
  if (!existsSync(file)) return false;
  const wanted = listMigrations().migrationDirectories.map((d) => d.path);
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'`).get();
    if (!table) return false;
    const done = new Set((db.prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { name: string }[]).map((r) => r.name));
    return wanted.every((m) => done.has(m));
  } finally {
    db.close();
  }
}

/** Applies every committed migration the database has not seen yet; returns their names. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if (isUpToDate(databaseUrl)) return [];
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: listMigrations(), filters: FILTERS });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql for the difference between the committed
 * migrations and prisma/schema.prisma, then applies it. Returns null when the schema has not changed.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<{ directory: string; applied: string[] } | null> {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new RangeError(`migration name must be letters, digits and _, got "${name}"`);
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const migrationsList = listMigrations();
    // Applying first creates _prisma_migrations on a new database; on SQLite the diagnostic must then
    // run before createMigration, or the engine asks for a shadow database.
    await engine.applyMigrations({ migrationsList, filters: FILTERS });
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`the database's migration history does not match prisma/migrations: ${diagnostic.action.reason ?? "reset needed"}`);
    }
    const schema = { files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] };
    const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters: FILTERS });
    if (!out.migrationScript) return null;
    const directory = path.join(MIGRATIONS_DIR, out.generatedMigrationName);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "migration.sql"), out.migrationScript);
    const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
    if (!existsSync(lockPath)) {
      writeFileSync(lockPath, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n');
    }
    const applied = (await engine.applyMigrations({ migrationsList: listMigrations(), filters: FILTERS })).appliedMigrationNames;
    return { directory, applied };
  } finally {
    await close();
  }
}
