// Upserts of customers, products and campaigns by external id, for imports. Runs on the import's direct
// session (direct.ts) inside the caller's batch transaction, so a batch and its job progress commit
// together. Only the columns a file maps are written; extra attributes are merged into the stored ones.
// Each batch is one read of the rows it names, then one bulk insert and one bulk update: set-based, so
// PostgreSQL makes three round trips a batch, not one a row.
import { type SqlValue, type StoredValue, storedDate, toSqlite } from "./bulk-insert";
import type { DirectDb } from "./direct";

export type EntityTable = "Customer" | "Product" | "Campaign";

export interface EntityRow {
  externalId: string;
  /** Column → value, only for the columns the file maps. */
  values: Record<string, SqlValue>;
  attributes: Record<string, string | number> | null;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const IN_CHUNK = 900;

type Stored = Record<string, StoredValue>;

async function selectExisting(db: DirectDb, table: EntityTable, columns: readonly string[], ids: readonly string[]): Promise<Map<string, Stored>> {
  const found = new Map<string, Stored>();
  const names = ["id", "externalId", ...columns];
  const cols = names.map((c) => `"${c}"`).join(",");
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const part = ids.slice(i, i + IN_CHUNK);
    const sql = `SELECT ${cols} FROM "${table}" WHERE "externalId" IN (${part.map(() => "?").join(",")})`;
    for (const row of await db.rows<StoredValue[]>(sql, part)) found.set(String(row[1]), Object.fromEntries(names.map((n, j) => [n, row[j] ?? null])));
  }
  return found;
}

function parsedObject(stored: StoredValue | undefined): Record<string, unknown> {
  return typeof stored === "string" && stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
}

function mergedAttributes(stored: StoredValue | undefined, incoming: Record<string, string | number> | null): string | null {
  const merged = { ...parsedObject(stored), ...incoming };
  return Object.keys(merged).length ? JSON.stringify(merged) : null;
}

/** JSON compared by content: PostgreSQL's jsonb gives its keys back in its own order and spacing. */
function sameJson(a: StoredValue | undefined, b: StoredValue | undefined): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  const x = parsedObject(a);
  const y = parsedObject(b);
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.is(x[k], y[k]));
}

/**
 * Inserts rows whose externalId is new and updates the mapped columns of the others. A later row with the
 * same externalId in the same call wins, as in the file. `overlay` (dry runs) holds what earlier,
 * rolled-back batches would have written, so their rows count as existing.
 */
export async function upsertEntities(db: DirectDb, table: EntityTable, columns: readonly string[], rows: readonly EntityRow[], overlay?: Map<string, Stored>): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const withAttributes = rows.some((r) => r.attributes !== null);
  const cols = withAttributes ? [...columns, "attributes"] : [...columns];
  const ids = [...new Set(rows.map((r) => r.externalId))];
  const existing = await selectExisting(db, table, cols, overlay ? ids.filter((id) => !overlay.has(id)) : ids);
  if (overlay) for (const id of ids) if (overlay.has(id)) existing.set(id, overlay.get(id)!);
  const now = storedDate(new Date());
  // What to write, by externalId: a later row of the same id replaces the earlier one's values.
  const inserts = new Map<string, Stored>();
  const updates = new Map<string, Stored>();
  for (const row of rows) {
    const before = existing.get(row.externalId);
    const next: Stored = { ...before, externalId: row.externalId };
    for (const c of columns) next[c] = toSqlite(row.values[c]);
    if (withAttributes) next.attributes = mergedAttributes(before?.attributes, row.attributes);
    if (!before) {
      inserts.set(row.externalId, next);
      counts.inserted++;
    } else if (cols.some((c) => (c === "attributes" ? !sameJson(before[c], next[c]) : (before[c] ?? null) !== (next[c] ?? null)))) {
      (inserts.has(row.externalId) ? inserts : updates).set(row.externalId, next);
      counts.updated++;
    } else {
      counts.unchanged++;
    }
    existing.set(row.externalId, next);
    overlay?.set(row.externalId, next);
  }
  await db.insertRows(table, ["externalId", ...cols, "createdAt", "updatedAt"], [...inserts.values()].map((r) => [r.externalId, ...cols.map((c) => r[c] ?? null), now, now]));
  // A row first seen in a rolled-back dry-run batch has no id: there is nothing stored to update.
  const stored = [...updates.values()].filter((r) => r.id !== undefined && r.id !== null);
  if (cols.length) await db.updateRows(table, [...cols, "updatedAt"], stored.map((r) => [...cols.map((c) => r[c] ?? null), now, r.id]));
  return counts;
}

/**
 * Finds the database ids of externalIds that events refer to, creating the missing ones with the given
 * defaults. Ids are cached for the whole import (a few MB for 100,000 customers).
 */
export class ReferenceResolver {
  private readonly ids = new Map<string, number>();
  created = 0;

  constructor(
    private readonly table: EntityTable,
    private readonly defaults: (externalId: string) => Record<string, SqlValue>,
  ) {}

  /** Resolves every id of a batch: one query per 900 unknown ids, one bulk insert of the missing; returns those. */
  async resolve(db: DirectDb, externalIds: Iterable<string>, extra?: (externalId: string) => Record<string, SqlValue>): Promise<string[]> {
    const unknown = [...new Set(externalIds)].filter((id) => !this.ids.has(id));
    if (unknown.length === 0) return [];
    await this.lookUp(db, unknown);
    const missing = unknown.filter((id) => !this.ids.has(id));
    if (missing.length === 0) return [];
    const now = storedDate(new Date());
    // Rows of one batch share their columns (defaults and extras name the same fields), grouped to be sure.
    const byColumns = new Map<string, { cols: string[]; rows: SqlValue[][] }>();
    for (const id of missing) {
      const values = { ...this.defaults(id), ...extra?.(id) };
      const cols = Object.keys(values);
      const key = cols.join(",");
      if (!byColumns.has(key)) byColumns.set(key, { cols, rows: [] });
      byColumns.get(key)!.rows.push([id, ...cols.map((c) => values[c]), now, now]);
    }
    for (const { cols, rows } of byColumns.values()) {
      this.created += await db.insertRows(this.table, ["externalId", ...cols, "createdAt", "updatedAt"], rows, { ignoreConflictOn: "externalId" });
    }
    await this.lookUp(db, missing);
    return missing;
  }

  private async lookUp(db: DirectDb, externalIds: readonly string[]): Promise<void> {
    for (let i = 0; i < externalIds.length; i += IN_CHUNK) {
      const part = externalIds.slice(i, i + IN_CHUNK);
      const sql = `SELECT "id","externalId" FROM "${this.table}" WHERE "externalId" IN (${part.map(() => "?").join(",")})`;
      for (const [id, externalId] of await db.rows<[number, string]>(sql, part)) this.ids.set(externalId, id);
    }
  }

  has(externalId: string): boolean {
    return this.ids.has(externalId);
  }

  idOf(externalId: string): number {
    const id = this.ids.get(externalId);
    if (id === undefined) throw new Error(`ReferenceResolver: ${externalId} was not resolved first`);
    return id;
  }
}
