// The direct connection: plain SQL for the bulk reads and writes Prisma is too slow for (bulk-insert.ts says
// by how much), on whichever database is configured. SQL is written once with `?` placeholders and double-
// quoted identifiers, which both databases read. Rows come back as arrays of values as SQLite stores them,
// whichever the database: dates as ISO text (storedDate), booleans as 1 or 0, JSON as its text, counts as
// numbers; so an import compares what it would write with what is stored the same way on both.
//
// SQLite runs on better-sqlite3's synchronous connection (bulkConnection), wrapped in promises; PostgreSQL on
// a small pg pool, with COPY … FROM STDIN (pg-copy-streams) for inserts of many rows.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { configuredProvider, env } from "../env";
import { asBuffer, bulkConnection, checkIdentifiers, closeBulkConnections, type InsertOptions, insertRows as insertSqliteRows, prepared, type SqlValue, storedDate, toSqlite } from "./bulk-insert";

export type Row = unknown[];

export interface DirectDb {
  /** Every row of a query, each as an array of its columns' values. */
  rows<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  first<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs one statement; returns the rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs statements without parameters. */
  exec(sql: string): Promise<void>;
  /** A query's rows in batches, for results too big to hold at once. */
  batches<T extends Row = Row>(sql: string, params?: readonly SqlValue[], size?: number): AsyncGenerator<T[]>;
  /** Inserts rows (values in `columns` order) all or nothing; returns the rows written (see bulk-insert.ts). */
  insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], opts?: InsertOptions): Promise<number>;
  /** Sets `columns` of the rows whose "id" is each row's last value (values in `columns` order, then the id). */
  updateRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Runs `fn` in one transaction (a savepoint inside another); rolls back when it throws. */
  transaction<T>(fn: (tx: DirectDb) => Promise<T>): Promise<T>;
}

/**
 * One connection held for a long job (an import): its own transaction, begun and committed by the caller
 * across many writes. SQLite: the process's direct connection (one import at a time, jobs/runner.ts);
 * PostgreSQL: a client taken from the pool until release().
 */
export interface DirectSession extends DirectDb {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
  release(): void;
}

// ---- SQLite ----------------------------------------------------------------------------------------------

let sqliteQueue: Promise<unknown> = Promise.resolve();

class SqliteDirect implements DirectDb {
  constructor(
    protected readonly nested = false,
    protected readonly checked = true,
  ) {}

  protected get db() {
    return bulkConnection(this.checked);
  }

  async rows<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return prepared(this.db, sql).raw().all(...params.map(toSqlite)) as T[];
  }

  async first<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return prepared(this.db, sql).raw().get(...params.map(toSqlite)) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return prepared(this.db, sql).run(...params.map(toSqlite)).changes;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async *batches<T extends Row>(sql: string, params: readonly SqlValue[] = [], size = 10_000): AsyncGenerator<T[]> {
    let batch: T[] = [];
    for (const row of prepared(this.db, sql).raw().iterate(...params.map(toSqlite)) as Iterable<T>) {
      batch.push(row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], opts: InsertOptions = {}): Promise<number> {
    return insertSqliteRows(table, columns, rows, { ...opts, db: this.db });
  }

  async updateRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    checkIdentifiers([table, ...columns], "updateRows");
    const update = prepared(this.db, `UPDATE "${table}" SET ${columns.map((c) => `"${c}"=?`).join(",")} WHERE "id"=?`);
    this.db.transaction(() => {
      for (const r of rows) update.run(...r.map(toSqlite));
    })();
  }

  // One connection per process: transactions queue behind each other instead of nesting by accident.
  async transaction<T>(fn: (tx: DirectDb) => Promise<T>): Promise<T> {
    if (this.nested) return this.savepoint(fn);
    const run = sqliteQueue.then(async () => {
      const db = this.db;
      if (db.inTransaction) return this.savepoint(fn); // inside a synchronous writer's transaction (import)
      db.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn(new SqliteDirect(true, this.checked));
        db.exec("COMMIT");
        return out;
      } catch (e) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw e;
      }
    });
    sqliteQueue = run.catch(() => {});
    return run;
  }

  private async savepoint<T>(fn: (tx: DirectDb) => Promise<T>): Promise<T> {
    const db = this.db;
    db.exec("SAVEPOINT direct");
    try {
      const out = await fn(new SqliteDirect(true, this.checked));
      db.exec("RELEASE direct");
      return out;
    } catch (e) {
      db.exec("ROLLBACK TO direct; RELEASE direct");
      throw e;
    }
  }
}

/** IMMEDIATE takes the write lock up front, so another process's import waits (busy timeout) instead of
 * failing at its first write after reading. */
class SqliteSession extends SqliteDirect implements DirectSession {
  constructor(checked: boolean) {
    super(true, checked);
  }
  get inTransaction() {
    return this.db.inTransaction;
  }
  async begin() {
    this.db.exec("BEGIN IMMEDIATE");
  }
  async commit() {
    this.db.exec("COMMIT");
  }
  async rollback() {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
  release() {}
}

// ---- PostgreSQL ------------------------------------------------------------------------------------------

/** `?` placeholders as `$1, $2, …`, leaving quoted text and identifiers alone. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Parameters as PostgreSQL reads them: dates as UTC ISO text (the columns are `timestamp`, holding UTC). */
function pgParam(v: SqlValue): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return storedDate(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return asBuffer(v);
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}

const BOOL = 16;
const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
const NUMERIC = 1700;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** Values as SQLite's driver gives them (see the top of this file); pg gives int8 and numeric as text. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (format !== "binary") {
      if (oid === INT8) return (s: string) => (Number.isSafeInteger(Number(s)) ? Number(s) : BigInt(s));
      if (oid === NUMERIC) return (s: string) => Number(s);
      if (oid === TIMESTAMP) return (s: string) => storedDate(new Date(`${s.replace(" ", "T")}Z`));
      if (oid === TIMESTAMPTZ) return (s: string) => storedDate(new Date(s));
      if (oid === BOOL) return (s: string) => (s === "t" ? 1 : 0);
      if (oid === JSON_OID || oid === JSONB) return (s: string) => s;
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const pools = new Map<string, pg.Pool>();
let cursors = 0;

/** One small pool per database URL (the configured one, and a `db copy` target). */
function pgPool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pools.set(url, (pool = new pg.Pool({ connectionString: url, max: 4, types })));
    // An idle connection the server ends (a restart, an admin) must not take the process down: the pool
    // drops it and opens another when next asked.
    pool.on("error", (e: Error & { code?: string }) => console.error(`database: an idle connection was closed (${e.code ?? e.name})`));
  }
  return pool;
}

/** COPY's text format: tab-separated, \N for null, backslash escapes. */
function copyText(v: SqlValue): string {
  const p = pgParam(v);
  if (p === null) return "\\N";
  if (typeof p === "boolean") return p ? "t" : "f";
  // bytea's hex form, its backslash doubled as COPY's text format asks.
  if (Buffer.isBuffer(p)) return `\\\\x${p.toString("hex")}`;
  return String(p).replace(/[\\\t\n\r]/g, (m) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[m]!);
}

/** COPY's input in chunks of about 64 KB: one message per row would cost a write per row. */
function* copyLines(rows: readonly (readonly SqlValue[])[]): Generator<string> {
  let chunk = "";
  for (const r of rows) {
    chunk += `${r.map(copyText).join("\t")}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * A temporary table with the target's columns and types but none of its constraints (the rows staged name
 * only some columns). Emptied after each use; its rows vanish with a rolled-back transaction.
 */
function stagingTable(stage: string, table: string): string {
  return `CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT * FROM "${table}" WITH NO DATA`;
}

/** Below this many rows a multi-row INSERT beats setting up COPY. */
const COPY_FROM_ROWS = 500;

class PostgresDirect implements DirectDb {
  constructor(
    private readonly client: pg.ClientBase | null = null,
    private readonly url: string = env.DATABASE_URL,
  ) {}

  private get pool() {
    return pgPool(this.url);
  }

  private async query(sql: string, params: readonly SqlValue[], rowMode?: "array") {
    const target = this.client ?? this.pool;
    return target.query({ text: numberedPlaceholders(sql), values: params.map(pgParam), ...(rowMode ? { rowMode } : {}) });
  }

  async rows<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query(sql, params, "array")).rows as T[];
  }

  async first<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await (this.client ?? this.pool).query(sql);
  }

  // A cursor inside a transaction: the server keeps the result, the process holds one batch at a time. A
  // caller that stops early (break) closes the cursor and ends the transaction as well.
  async *batches<T extends Row>(sql: string, params: readonly SqlValue[] = [], size = 10_000): AsyncGenerator<T[]> {
    const client = this.client ?? (await this.pool.connect());
    const own = !this.client;
    const cursor = `direct_cursor_${++cursors}`;
    let open = false;
    try {
      if (own) await client.query("BEGIN");
      await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${numberedPlaceholders(sql)}`, values: params.map(pgParam) });
      open = true;
      for (;;) {
        const { rows } = await client.query({ text: `FETCH ${size} FROM ${cursor}`, rowMode: "array" });
        if (rows.length) yield rows as T[];
        if (rows.length < size) break;
      }
    } finally {
      if (own) await client.query(open ? "COMMIT" : "ROLLBACK").catch(() => {});
      else if (open) await client.query(`CLOSE ${cursor}`).catch(() => {});
      if (own) (client as pg.PoolClient).release();
    }
  }

  async insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], opts: InsertOptions = {}): Promise<number> {
    if (rows.length === 0) return 0;
    checkIdentifiers([table, ...columns, ...(opts.ignoreConflictOn ? [opts.ignoreConflictOn] : [])], "insertRows");
    for (const [i, r] of rows.entries()) if (r.length !== columns.length) throw new RangeError(`insertRows: row ${i} has ${r.length} values for ${columns.length} columns`);
    const cols = columns.map((c) => `"${c}"`).join(",");
    const unique = opts.ignoreConflictOn;
    // With `written`, the unique column of the rows that went in comes back, to tell them from the skipped.
    const returning = opts.written && unique ? ` RETURNING "${unique}"` : "";
    const tail = unique ? ` ON CONFLICT ("${unique}") DO NOTHING${returning}` : "";
    const report = (res: pg.QueryResult): number => {
      if (opts.written && !returning) rows.forEach((_, i) => opts.written!(i));
      else if (opts.written) {
        const at = columns.indexOf(unique!);
        const keys = new Set(res.rows.map((r: Record<string, unknown>) => String(r[unique!])));
        rows.forEach((r, i) => keys.has(String(r[at])) && opts.written!(i));
      }
      return res.rowCount ?? 0;
    };
    if (rows.length < COPY_FROM_ROWS) {
      const tuples = rows.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(",")})`).join(",");
      return report(await (this.client ?? this.pool).query(`INSERT INTO "${table}" (${cols}) VALUES ${tuples}${tail}`, rows.flat().map(pgParam)));
    }
    // COPY straight into the table when every row goes in; through a staging table when conflicts are skipped.
    return this.transaction(async (tx) => {
      const client = (tx as PostgresDirect).client!;
      const target = unique ? `"direct_stage_${table}"` : `"${table}"`;
      if (unique) {
        await client.query(stagingTable(target, table));
      }
      await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`COPY ${target} (${cols}) FROM STDIN`)));
      if (!unique) {
        if (opts.written) rows.forEach((_, i) => opts.written!(i));
        return rows.length;
      }
      const res = await client.query(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM ${target}${tail}`);
      await client.query(`DELETE FROM ${target}`);
      return report(res);
    });
  }

  // Through a staging table like the target, filled by COPY, then one UPDATE … FROM.
  async updateRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    checkIdentifiers([table, ...columns], "updateRows");
    await this.transaction(async (tx) => {
      const client = (tx as PostgresDirect).client!;
      const stage = `"direct_update_${table}"`;
      await client.query(stagingTable(stage, table));
      const names = [...columns, "id"].map((c) => `"${c}"`).join(",");
      await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`COPY ${stage} (${names}) FROM STDIN`)));
      await client.query(`UPDATE "${table}" t SET ${columns.map((c) => `"${c}" = s."${c}"`).join(",")} FROM ${stage} s WHERE t."id" = s."id"`);
      await client.query(`DELETE FROM ${stage}`);
    });
  }

  async transaction<T>(fn: (tx: DirectDb) => Promise<T>): Promise<T> {
    if (this.client) {
      await this.client.query("SAVEPOINT direct");
      try {
        const out = await fn(this);
        await this.client.query("RELEASE SAVEPOINT direct");
        return out;
      } catch (e) {
        await this.client.query("ROLLBACK TO SAVEPOINT direct");
        throw e;
      }
    }
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const out = await fn(new PostgresDirect(client, this.url));
      await client.query("COMMIT");
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
}

/** A client of its own until release(): an import's one transaction at a time (DirectSession). */
class PostgresSession extends PostgresDirect implements DirectSession {
  private open = false;
  constructor(private readonly own: pg.PoolClient) {
    super(own);
  }
  get inTransaction() {
    return this.open;
  }
  async begin() {
    await this.own.query("BEGIN");
    this.open = true;
  }
  async commit() {
    await this.own.query("COMMIT");
    this.open = false;
  }
  async rollback() {
    if (this.open) await this.own.query("ROLLBACK");
    this.open = false;
  }
  release() {
    this.own.release();
  }
  /** Outside begin(), a transaction of its own on this client; inside, a savepoint. */
  override async transaction<T>(fn: (tx: DirectDb) => Promise<T>): Promise<T> {
    if (this.open) return super.transaction(fn);
    await this.begin();
    try {
      const out = await super.transaction(fn);
      await this.commit();
      return out;
    } catch (e) {
      await this.rollback().catch(() => {});
      throw e;
    }
  }
}

/**
 * A connection of the import's own. `checked: false` (SQLite dry runs, whose writes are always rolled back)
 * turns off foreign-key checks, so rows of earlier rolled-back batches can still be referred to.
 */
export async function directSession(opts: { checked?: boolean } = {}): Promise<DirectSession> {
  if (configuredProvider() === "postgresql") return new PostgresSession(await pgPool(env.DATABASE_URL).connect());
  return new SqliteSession(opts.checked ?? true);
}

/** The direct connection to the configured database. */
export function directDb(): DirectDb {
  return configuredProvider() === "postgresql" ? new PostgresDirect() : new SqliteDirect();
}

/** The direct connection to another PostgreSQL database than the configured one (`db copy`'s target). */
export function postgresDirectAt(url: string): DirectDb {
  if (configuredProvider(url) !== "postgresql") throw new RangeError("postgresDirectAt: not a PostgreSQL URL");
  return new PostgresDirect(null, url);
}

/** Closes every direct connection this process opened: SQLite's files, PostgreSQL's pools (an open pool keeps a CLI process alive). */
export async function closeDirect(): Promise<void> {
  closeBulkConnections();
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((p) => p.end()));
}
