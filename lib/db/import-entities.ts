// Upserts of customers, products and campaigns by external id, for imports. Runs on the direct
// better-sqlite3 connection inside the caller's batch transaction, so a batch and its job progress commit
// together. Only the columns a file maps are written; extra attributes are merged into the stored ones.
import type Database from "better-sqlite3";
import { prepared, type StoredValue, storedDate, toSqlite, type SqlValue } from "./bulk-insert";

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

/** INSERT of externalId, the given columns and the timestamps, returning the new id. */
function insertSql(table: EntityTable, cols: readonly string[]): string {
  const names = ["externalId", ...cols, "createdAt", "updatedAt"];
  return `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(",")}) VALUES (${names.map(() => "?").join(",")}) RETURNING "id"`;
}

function selectExisting(db: Database.Database, table: EntityTable, columns: readonly string[], ids: readonly string[]): Map<string, Record<string, StoredValue>> {
  const found = new Map<string, Record<string, StoredValue>>();
  const cols = ["id", "externalId", ...columns].map((c) => `"${c}"`).join(",");
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const part = ids.slice(i, i + IN_CHUNK);
    const sql = `SELECT ${cols} FROM "${table}" WHERE "externalId" IN (${part.map(() => "?").join(",")})`;
    for (const row of prepared(db, sql).all(...part) as Record<string, StoredValue>[]) found.set(String(row.externalId), row);
  }
  return found;
}

function mergedAttributes(stored: StoredValue | undefined, incoming: Record<string, string | number> | null): string | null {
  const base = typeof stored === "string" && stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
  const merged = { ...base, ...incoming };
  return Object.keys(merged).length ? JSON.stringify(merged) : null;
}

/**
 * Inserts rows whose externalId is new and updates the mapped columns of the others. A later row with the
 * same externalId in the same call wins, as in the file. `overlay` (dry runs) holds what earlier,
 * rolled-back batches would have written, so their rows count as existing.
 */
export function upsertEntities(
  db: Database.Database,
  table: EntityTable,
  columns: readonly string[],
  rows: readonly EntityRow[],
  overlay?: Map<string, Record<string, StoredValue>>,
): UpsertCounts {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const withAttributes = rows.some((r) => r.attributes !== null);
  const cols = withAttributes ? [...columns, "attributes"] : [...columns];
  const ids = [...new Set(rows.map((r) => r.externalId))];
  const existing = selectExisting(db, table, cols, overlay ? ids.filter((id) => !overlay.has(id)) : ids);
  if (overlay) for (const id of ids) if (overlay.has(id)) existing.set(id, overlay.get(id)!);
  const now = storedDate(new Date());
  const insert = prepared(db, insertSql(table, cols));
  const update = cols.length ? prepared(db, `UPDATE "${table}" SET ${cols.map((c) => `"${c}"=?`).join(",")},"updatedAt"=? WHERE "id"=?`) : null;
  for (const row of rows) {
    const before = existing.get(row.externalId);
    const next: Record<string, StoredValue> = { ...before, externalId: row.externalId };
    for (const c of columns) next[c] = toSqlite(row.values[c]);
    if (withAttributes) next.attributes = mergedAttributes(before?.attributes, row.attributes);
    if (!before) {
      next.id = (insert.get(row.externalId, ...cols.map((c) => next[c] ?? null), now, now) as { id: number }).id;
      counts.inserted++;
    } else if (cols.some((c) => (before[c] ?? null) !== (next[c] ?? null))) {
      update!.run(...cols.map((c) => next[c] ?? null), now, before.id);
      counts.updated++;
    } else {
      counts.unchanged++;
    }
    existing.set(row.externalId, next);
    overlay?.set(row.externalId, next);
  }
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

  /** Resolves every id of a batch in one query per 900 unknown ids; returns the ids it had to create. */
  resolve(db: Database.Database, externalIds: Iterable<string>, extra?: (externalId: string) => Record<string, SqlValue>): string[] {
    const unknown = [...new Set(externalIds)].filter((id) => !this.ids.has(id));
    if (unknown.length === 0) return [];
    for (let i = 0; i < unknown.length; i += IN_CHUNK) {
      const part = unknown.slice(i, i + IN_CHUNK);
      const sql = `SELECT "id","externalId" FROM "${this.table}" WHERE "externalId" IN (${part.map(() => "?").join(",")})`;
      for (const r of prepared(db, sql).all(...part) as { id: number; externalId: string }[]) this.ids.set(r.externalId, r.id);
    }
    const missing = unknown.filter((id) => !this.ids.has(id));
    const now = storedDate(new Date());
    for (const id of missing) {
      const values = { ...this.defaults(id), ...extra?.(id) };
      const cols = Object.keys(values);
      this.ids.set(id, (prepared(db, insertSql(this.table, cols)).get(id, ...cols.map((c) => toSqlite(values[c])), now, now) as { id: number }).id);
    }
    this.created += missing.length;
    return missing;
  }

  idOf(externalId: string): number {
    const id = this.ids.get(externalId);
    if (id === undefined) throw new Error(`ReferenceResolver: ${externalId} was not resolved first`);
    return id;
  }
}
