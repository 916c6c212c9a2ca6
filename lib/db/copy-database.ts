// Moving an installation: every table of the configured database copied into an empty PostgreSQL one
// (`npm run -s cli -- db copy --to postgresql://…`). The target is migrated first, so both have the same
// tables; rows go parents first (foreign keys), in batches through COPY, all in one transaction on the
// target (a failure leaves it empty, ready for another try); id sequences are moved past the copied ids,
// and every table's count is checked at the end.
import { configuredProvider, databaseLabel, env } from "../env";
import { UserError } from "../errors";
import { bulkConnection, type SqlValue } from "./bulk-insert";
import { type DirectDb, directDb, postgresDirectAt } from "./direct";
import { applyMigrations } from "./schema-engine";

export interface CopyProgress {
  table: string;
  copied: number;
  rows: number;
}

export interface CopyResult {
  target: string;
  tables: { table: string; rows: number }[];
  rows: number;
  seconds: number;
}

const BATCH = 10_000;
/** Rows per batch of a table whose rows are large: a model part is up to 16 MB (model-store.ts). */
const BATCH_OF: Record<string, number> = { ModelPart: 4 };

/** Tables of the target's schema, each after every table it refers to. */
async function tablesInOrder(target: DirectDb): Promise<string[]> {
  const names = (await target.rows<[string]>(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`)).map((r) => r[0]);
  const edges = await target.rows<[string, string]>(`SELECT (SELECT relname FROM pg_class WHERE oid = conrelid), (SELECT relname FROM pg_class WHERE oid = confrelid)
    FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const [child, parent] of edges) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (done.has(n)) return;
    if (path.has(n)) throw new Error(`copy: the foreign keys of ${n} form a cycle`);
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    path.delete(n);
    done.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered;
}

async function columnsOf(target: DirectDb, table: string): Promise<string[]> {
  return (await target.rows<[string]>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, [table])).map((r) => r[0]);
}

/**
 * The source's rows in batches. SQLite's are read with exact 64-bit integers (import dedupe keys use all
 * 64 bits, more than a JavaScript number holds); PostgreSQL's direct connection gives those as bigint.
 */
async function* sourceBatches(table: string, columns: readonly string[]): AsyncGenerator<SqlValue[][]> {
  const size = BATCH_OF[table] ?? BATCH;
  const sql = `SELECT ${columns.map((c) => `"${c}"`).join(",")} FROM "${table}"`;
  if (configuredProvider() === "postgresql") {
    yield* directDb().batches<SqlValue[]>(sql, [], size);
    return;
  }
  let batch: SqlValue[][] = [];
  for (const row of bulkConnection().prepare(sql).raw().safeIntegers(true).iterate() as Iterable<SqlValue[]>) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const count = async (db: DirectDb, table: string) => Number((await db.first<[number | bigint]>(`SELECT count(*) FROM "${table}"`))![0]);

export async function copyDatabaseTo(targetUrl: string, onProgress: (p: CopyProgress) => void = () => {}): Promise<CopyResult> {
  const started = performance.now();
  if (configuredProvider(targetUrl) !== "postgresql") throw new UserError("--to must be a PostgreSQL database URL, e.g. postgresql://user:password@host:5432/marketlens");
  if (targetUrl === env.DATABASE_URL) throw new UserError("--to names the database MarketLens is using now: give another, empty database");
  const label = databaseLabel(targetUrl);
  await applyMigrations(targetUrl);
  const target = postgresDirectAt(targetUrl);
  const source = directDb();
  const tables = await tablesInOrder(target);
  const held: string[] = [];
  for (const t of tables) {
    const n = await count(target, t);
    if (n > 0) held.push(`${t} has ${n.toLocaleString("en-GB")} rows`);
  }
  if (held.length) throw new UserError(`${label} is not empty (${held.join(", ")}): copy into a new, empty database (createdb …), which this command migrates itself`);
  const sizes = new Map<string, number>();
  for (const t of tables) sizes.set(t, await count(source, t));
  await target.transaction(async (tx) => {
    for (const table of tables) {
      const columns = await columnsOf(tx, table);
      const rows = sizes.get(table)!;
      let copied = 0;
      onProgress({ table, copied, rows });
      for await (const batch of sourceBatches(table, columns)) {
        copied += await tx.insertRows(table, columns, batch);
        onProgress({ table, copied, rows });
      }
      // Rows copied with their ids: the next id the app asks for comes after them.
      if (columns.includes("id")) {
        const [sequence] = (await tx.first<[string | null]>(`SELECT pg_get_serial_sequence(?, 'id')`, [`"${table}"`]))!;
        if (sequence) await tx.first(`SELECT setval(?, coalesce((SELECT max("id") FROM "${table}"), 0) + 1, false)`, [sequence]);
      }
    }
  });
  const wrong: string[] = [];
  for (const t of tables) {
    const n = await count(target, t);
    if (n !== sizes.get(t)) wrong.push(`${t}: ${sizes.get(t)} rows here, ${n} there`);
  }
  if (wrong.length) throw new UserError(`the copy's counts do not match (${wrong.join("; ")}); the target keeps what was copied`);
  const list = tables.map((t) => ({ table: t, rows: sizes.get(t)! }));
  return { target: label, tables: list, rows: list.reduce((a, t) => a + t.rows, 0), seconds: Math.round((performance.now() - started) / 100) / 10 };
}
