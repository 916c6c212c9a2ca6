// Migrations through Prisma's WebAssembly schema engine. The Prisma CLI's `migrate` commands need a
// native engine that cannot be downloaded here (../shared/STACK-NOTES.md); the WebAssembly build comes
// from npm and writes the same prisma/migrations folder and _prisma_migrations table, so the stock
// `prisma migrate deploy` can take over wherever the native engine is available.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { configuredProvider, sqliteFilePath, type DatabaseProvider } from "../env";
import { adminQuery, withDatabase } from "./postgres-admin";
import { migrationsDir, schemaPath } from "./schema-variants";

const requireFromHere = createRequire(import.meta.url);

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
  provider: DatabaseProvider;
  /** Frees the engine and closes the connections it opened (freeing alone leaves the file locked). */
  close(): Promise<void>;
}

type Factory = Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0];

/** Every connection the engine opens is kept, so closing the engine can close them (freeing alone leaves them open). */
function tracking(connect: () => Promise<SqlDriverAdapter>, opened: { dispose(): Promise<void> }[]) {
  return async () => {
    const a = await connect();
    // The engine may dispose of a connection itself before close() does: the second call is a no-op.
    const dispose = a.dispose.bind(a);
    let disposed: Promise<void> | null = null;
    a.dispose = () => (disposed ??= dispose());
    opened.push(a);
    return a;
  };
}

function sqliteFactory(databaseUrl: string, opened: { dispose(): Promise<void> }[]): Factory {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: `file:${file}` });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: tracking(() => base.connect(), opened),
    connectToShadowDb: tracking(async () => {
      const a = await base.connectToShadowDb();
      // The engine replays each migration file on the shadow database with one executeRaw call, which
      // better-sqlite3 refuses ("more than one statement"); a parameterless script goes through exec.
      const executeRaw = a.executeRaw.bind(a);
      a.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await a.executeScript(query.sql);
        return 0;
      };
      return a;
    }, opened),
  };
}

// pg_catalog's internal one-byte type "char" (oid 18), which the engine's introspection selects and the
// adapter cannot map: its values are text.
const PG_CHAR = 18;
const PG_TEXT = 25;

/** The adapter's connection with "char" columns reported as text (../shared/STACK-NOTES.md). */
function readingChar(a: SqlDriverAdapter): SqlDriverAdapter {
  const io = a as unknown as { performIO(q: unknown): Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = io.performIO.bind(io);
  io.performIO = async (q) => {
    const result = await performIO(q);
    for (const f of result.fields ?? []) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
    return result;
  };
  return a;
}

function postgresFactory(databaseUrl: string, opened: { dispose(): Promise<void> }[]): Factory {
  const base = new PrismaPg({ connectionString: databaseUrl });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: tracking(async () => readingChar(await base.connect()), opened),
    // The adapter's own shadow database is dropped while its pool still holds a connection ("is being
    // accessed by other users"): made and dropped here, after the pool has ended.
    connectToShadowDb: tracking(async () => {
      const name = `marketlens_shadow_${randomUUID().replace(/-/g, "")}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
      const shadow = readingChar(await new PrismaPg({ connectionString: withDatabase(databaseUrl, name) }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}"`);
      };
      return shadow;
    }, opened),
  };
}

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  const provider = configuredProvider(databaseUrl);
  const { SchemaEngine } = await loadGlue();
  const file = schemaPath(provider);
  const opened: { dispose(): Promise<void> }[] = [];
  const factory = provider === "sqlite" ? sqliteFactory(databaseUrl, opened) : postgresFactory(databaseUrl, opened);
  const engine = await SchemaEngine.new({ datamodels: [[file, readFileSync(file, "utf8")]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    provider,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}

function listMigrations(provider: DatabaseProvider) {
  const MIGRATIONS_DIR = migrationsDir(provider);
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
async function isUpToDate(databaseUrl: string): Promise<boolean> {
  const provider = configuredProvider(databaseUrl);
  const wanted = listMigrations(provider).migrationDirectories.map((d) => d.path);
  const done = provider === "sqlite" ? sqliteAppliedMigrations(databaseUrl) : await postgresAppliedMigrations(databaseUrl);
  return done !== null && wanted.every((m) => done.has(m));
}

const APPLIED = `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The finished migrations' names, or null before the first. */
function sqliteAppliedMigrations(databaseUrl: string): Set<string> | null {
  const file = sqliteFilePath(databaseUrl);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'`).get();
    return table ? new Set((db.prepare(APPLIED).all() as { name: string }[]).map((r) => r.name)) : null;
  } finally {
    db.close();
  }
}

async function postgresAppliedMigrations(databaseUrl: string): Promise<Set<string> | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
    if (!table.rows[0]?.present) return null;
    return new Set((await client.query<{ name: string }>(APPLIED)).rows.map((r) => r.name));
  } finally {
    await client.end();
  }
}

/** Applies every committed migration the database has not seen yet; returns their names. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if (await isUpToDate(databaseUrl)) return [];
  const { engine, provider, close } = await openEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: listMigrations(provider), filters: FILTERS });
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
  const { engine, provider, close } = await openEngine(databaseUrl);
  try {
    const migrationsList = listMigrations(provider);
    // Applying first creates _prisma_migrations on a new database; on SQLite the diagnostic must then
    // run before createMigration, or the engine asks for a shadow database.
    await engine.applyMigrations({ migrationsList, filters: FILTERS });
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`the database's migration history does not match prisma/migrations: ${diagnostic.action.reason ?? "reset needed"}`);
    }
    const schema = { files: [{ path: schemaPath(provider), content: readFileSync(schemaPath(provider), "utf8") }] };
    const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters: FILTERS });
    if (!out.migrationScript) return null;
    const directory = path.join(migrationsDir(provider), out.generatedMigrationName);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "migration.sql"), out.migrationScript);
    const lockPath = path.join(migrationsDir(provider), LOCKFILE);
    if (!existsSync(lockPath)) {
      writeFileSync(lockPath, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
    }
    const applied = (await engine.applyMigrations({ migrationsList: listMigrations(provider), filters: FILTERS })).appliedMigrationNames;
    return { directory, applied };
  } finally {
    await close();
  }
}
