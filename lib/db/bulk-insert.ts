// Bulk inserts straight through better-sqlite3. Prisma's createMany and raw inserts run at about
// 20,000 rows/s here (measured: 150,000 demo events took 65 s and 1.5 GB); a prepared multi-row INSERT
// in one transaction on the same file runs at about 90,000 rows/s with all of Event's indexes. Reads and
// small writes stay on Prisma; a PostgreSQL provider would implement this file with COPY.
import Database from "better-sqlite3";
import { env, sqliteFilePath } from "../env";
import { storedDate } from "./stored-date";

export { storedDate, storedDateMs } from "./stored-date";

/** A column's value as written: bytes (Uint8Array, Buffer) go to BLOB / bytea, other objects as JSON text. */
export type SqlValue = string | number | bigint | boolean | Date | null | undefined | Uint8Array | Record<string, unknown>;
export type StoredValue = string | number | bigint | Buffer | null;

/** Bytes as both drivers take them, without a copy. */
export const asBuffer = (v: Uint8Array): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

export function toSqlite(v: SqlValue): StoredValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return storedDate(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Uint8Array) return asBuffer(v);
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}

const connections = new Map<string, Database.Database>();

/**
 * The process's direct connection to the database file (one per file). `checked: false` gives a second
 * connection without foreign-key checks, used only by dry runs, whose writes are always rolled back.
 */
export function bulkConnection(checked = true): Database.Database {
  const file = sqliteFilePath(env.DATABASE_URL);
  const key = `${file}${checked ? "" : "#unchecked"}`;
  let db = connections.get(key);
  if (!db) {
    db = new Database(file, { timeout: 10_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma(`foreign_keys = ${checked ? "ON" : "OFF"}`);
    // A 32 MB page cache (default 2 MB). Big imports drop the randomly-ordered indexes (bulk-load.ts), so
    // what they touch is mostly the table's growing end; 64 or 400 MB measured no faster.
    db.pragma("cache_size = -32768");
    // Deleted and overwritten rows are zeroed in the file, so an erased customer's address (lib/services/
    // gdpr.ts) or a row replaced by a re-import does not linger in free space.
    db.pragma("secure_delete = ON");
    connections.set(key, db);
  }
  return db;
}

export function closeBulkConnections(): void {
  for (const db of connections.values()) db.close();
  connections.clear();
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements cached per connection: an import prepares the same few hundred times otherwise. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size > 500) cache.clear();
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Table and column names are code constants, checked before they go into SQL, never user input. */
export function checkIdentifiers(names: readonly string[], where: string): void {
  for (const name of names) if (!IDENT.test(name)) throw new RangeError(`${where}: bad identifier "${name}"`);
}
const MAX_PARAMS = 30_000; // SQLite's limit is 32,766 bound parameters per statement.

export interface InsertOptions {
  /** Rows whose value in this unique column is already stored are skipped, not refused. */
  ignoreConflictOn?: string;
  /** Told the index (in `rows`) of every row actually written, so callers can count what went in. */
  written?: (index: number) => void;
}

/**
 * Inserts rows (arrays of values in `columns` order) into `table` in one transaction (a savepoint when
 * already inside one): all or nothing. Returns the rows written, which with `ignoreConflictOn` leaves out
 * rows whose unique column already held the value.
 * Table and column names are code constants, checked here, never user input.
 */
export function insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], opts: InsertOptions & { db?: Database.Database } = {}): number {
  if (rows.length === 0) return 0;
  const names = [table, ...columns, ...(opts.ignoreConflictOn ? [opts.ignoreConflictOn] : [])];
  checkIdentifiers(names, "insertRows");
  const db = opts.db ?? bulkConnection();
  const tail = opts.ignoreConflictOn ? ` ON CONFLICT("${opts.ignoreConflictOn}") DO NOTHING` : "";
  const per = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  const full = prepared(db, head + Array(per).fill(tuple).join(",") + tail);
  const width = columns.length;
  const report = opts.written ? writtenReporter(db, table, columns, rows, opts.ignoreConflictOn, opts.written) : null;
  let changes = 0;
  db.transaction(() => {
    let i = 0;
    const params: StoredValue[] = new Array(per * width);
    for (; i + per <= rows.length; i += per) {
      for (let r = 0; r < per; r++) {
        const row = rows[i + r]!;
        if (row.length !== width) throw new RangeError(`insertRows: row ${i + r} has ${row.length} values for ${width} columns`);
        for (let c = 0; c < width; c++) {
          // Text, numbers and keys (nearly every value of an import) go as they are, without the call.
          const v = row[c];
          params[r * width + c] = typeof v === "string" || typeof v === "number" || typeof v === "bigint" ? v : toSqlite(v);
        }
      }
      const result = full.run(params);
      changes += result.changes;
      report?.(i, per, result);
    }
    // The rest one by one: a statement per remainder length would be prepared anew on most calls.
    const one = prepared(db, head + tuple + tail);
    for (; i < rows.length; i++) {
      const result = one.run(rows[i]!.map(toSqlite));
      changes += result.changes;
      report?.(i, 1, result);
    }
  })();
  return changes;
}

/**
 * Tells `written` which rows of each multi-row statement went in. All or none is known from the count; a
 * statement that wrote some of its rows (a file partly imported before) is resolved by reading back the
 * unique column of the rows it added, which have the rowids after the last one before it.
 */
function writtenReporter(db: Database.Database, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], unique: string | undefined, written: (index: number) => void) {
  const at = unique ? columns.indexOf(unique) : -1;
  if (unique && at < 0) throw new RangeError(`insertRows: the conflict column ${unique} is not among the columns written`);
  let lastRowid = unique ? ((prepared(db, `SELECT max(rowid) FROM "${table}"`).raw().safeIntegers(true).get() as [bigint | null])[0] ?? 0n) : 0n;
  const added = unique ? prepared(db, `SELECT "${unique}" FROM "${table}" WHERE rowid > ?`).raw().safeIntegers(true) : null;
  return (start: number, n: number, result: Database.RunResult) => {
    if (result.changes === n) for (let k = 0; k < n; k++) written(start + k);
    else if (result.changes > 0) {
      const keys = new Set((added!.all(lastRowid) as [unknown][]).map(([v]) => String(v)));
      for (let k = 0; k < n; k++) if (keys.has(String(toSqlite(rows[start + k]![at])))) written(start + k);
    }
    if (result.changes > 0) lastRowid = BigInt(result.lastInsertRowid);
  };
}
