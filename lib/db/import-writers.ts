// One writer per import kind: takes a batch of validated rows and writes it on the import's direct session
// (direct.ts), in the caller's transaction. Entity kinds upsert by external id; event kinds insert with their dedupe key and skip
// keys already stored, so the counts say exactly what changed.
import { isPiiEncryptionOn, sealPii } from "../auth/pii-crypto";
import type { ImportKind } from "../csv/kinds";
import type { FieldValue, ParsedRow } from "../csv/row-schema";
import { type SqlValue, type StoredValue, storedDate } from "./bulk-insert";
import type { DirectDb } from "./direct";
import { type EntityTable, ReferenceResolver, upsertEntities } from "./import-entities";

export interface ImportedRow {
  line: number;
  row: ParsedRow;
  /** Event kinds: the row's dedupe key and its time as stored, computed before the write (prepare-rows.ts). */
  key?: bigint;
  at?: string;
}
export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}
export interface ImportWriter {
  write(db: DirectDb, rows: readonly ImportedRow[]): Promise<BatchCounts>;
  /** Side effects worth telling: entities created on the way, rows by event type, guest lines. */
  summary(): Record<string, number>;
}

export interface WriterOptions {
  /** Fields the mapping feeds (entity kinds update only these). */
  mappedFields: readonly string[];
  /** Customers without an id column are keyed "<file>:<line>". */
  fileStem: string;
  dryRun: boolean;
  /** Replace each email by its keyed hash before it is written (ImportOptions.hashEmails). */
  hashEmail?: (email: string) => string;
}

const date = (v: FieldValue): Date | null => (typeof v === "number" ? new Date(v) : null);
const str = (v: FieldValue): string | null => (v === null ? null : String(v));

const ENTITY_COLUMNS: Record<"customers" | "products" | "campaigns", { table: EntityTable; dates: readonly string[] }> = {
  customers: { table: "Customer", dates: ["signupAt"] },
  products: { table: "Product", dates: [] },
  campaigns: { table: "Campaign", dates: ["startAt", "endAt"] },
};

function entityWriter(kind: keyof typeof ENTITY_COLUMNS, o: WriterOptions): ImportWriter {
  const { table, dates } = ENTITY_COLUMNS[kind];
  const mapped = o.mappedFields.filter((f) => f !== "externalId");
  // Customers' email and name are sealed (encrypted with their lookup index, lib/auth/pii-crypto.ts) when
  // encryption is on; the index columns are written beside them.
  const sealed = kind === "customers" && isPiiEncryptionOn() ? (["email", "name"] as const).filter((f) => mapped.includes(f)) : [];
  // A products file that names its products makes those names the ones kept (order lines stop renaming them).
  const fixed: Record<string, SqlValue> = kind === "products" && mapped.includes("name") ? { nameFromOrders: false } : {};
  const columns = [...mapped, ...sealed.map((f) => `${f}Index`), ...Object.keys(fixed)];
  const overlay = o.dryRun ? new Map<string, Record<string, StoredValue>>() : undefined;
  return {
    async write(db, rows) {
      const value = (c: string, v: FieldValue): SqlValue => (dates.includes(c) ? date(v) : c === "email" && o.hashEmail && typeof v === "string" ? o.hashEmail(v) : v);
      const entities = rows.map(({ line, row }) => {
        const values = { ...(Object.fromEntries(mapped.map((c) => [c, value(c, row.fields[c] ?? null)])) as Record<string, SqlValue>), ...fixed };
        for (const f of sealed) {
          const s = sealPii(f, typeof values[f] === "string" ? (values[f] as string) : null);
          values[f] = s.stored;
          values[`${f}Index`] = s.index;
        }
        return { externalId: str(row.fields.externalId ?? null) ?? `${o.fileStem}:${line}`, values, attributes: row.attributes };
      });
      return upsertEntities(db, table, columns, entities, overlay);
    },
    summary: () => ({}),
  };
}

const EVENT_COLUMNS = ["customerId", "productId", "type", "quantity", "revenue", "rating", "orderId", "occurredAt", "dedupeKey"];

/**
 * The descriptions order lines give each product code, counted over the whole import: a product is named
 * by its most frequent one (Online Retail spells some products several ways, and the first spelling seen is
 * often a one-off). `changed()` hands over the codes whose leader changed since it was last asked.
 */
class DescriptionCounts {
  // Per code, the leading description and its count; the others' counts only once a second spelling
  // appears. Most lines repeat their product's leader, which costs one lookup and a string comparison.
  private readonly byCode = new Map<string, { name: string; n: number; others: Map<string, number> | null }>();
  private readonly dirty = new Set<string>();

  add(code: string, name: string): void {
    const e = this.byCode.get(code);
    if (!e) {
      this.byCode.set(code, { name, n: 1, others: null });
      this.dirty.add(code);
    } else if (e.name === name) e.n++;
    else {
      const others = (e.others ??= new Map());
      const n = (others.get(name) ?? 0) + 1;
      if (n > e.n) {
        others.delete(name);
        others.set(e.name, e.n);
        e.name = name;
        e.n = n;
        this.dirty.add(code);
      } else others.set(name, n);
    }
  }

  best(code: string): string | undefined {
    return this.byCode.get(code)?.name;
  }

  changed(): string[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }
}

function eventWriter(kind: "events" | "transactions"): ImportWriter {
  const customers = new ReferenceResolver("Customer", () => ({}));
  const products = new ReferenceResolver("Product", (id) => ({ name: id, nameFromOrders: true }));
  const descriptions = new DescriptionCounts();
  // Counted from the rows written, so importing a file again adds nothing to them.
  const byType = new Map<string, number>();
  let guests = 0;
  let renamed = 0;
  return {
    async write(db, rows) {
      // One pass: the customers and products this batch meets for the first time, and the descriptions.
      const newCustomers = new Map<string, string | null>();
      const newProducts = new Set<string>();
      for (const { row } of rows) {
        const x = row.fields;
        const c = x.customer as string | null | undefined;
        if (c && !customers.has(c) && !newCustomers.has(c)) newCustomers.set(c, (x.country as string | null | undefined) ?? null);
        const p = x.product as string | null | undefined;
        if (!p) continue;
        if (!products.has(p)) newProducts.add(p);
        if (typeof x.productName === "string") descriptions.add(p, x.productName);
      }
      await customers.resolve(db, newCustomers.keys(), (id) => ({ country: newCustomers.get(id) ?? null }));
      const created = new Set(await products.resolve(db, newProducts, (id) => ({ name: descriptions.best(id) ?? id })));
      // Products named from order lines take their most frequent description so far; a products file's names stay.
      const rename = descriptions.changed().filter((code) => !created.has(code));
      if (rename.length) renamed += await renameFromOrders(db, rename.map((code) => [descriptions.best(code)!, products.idOf(code)]));
      const values = rows.map(({ row: { fields: x }, key, at }): SqlValue[] => [
        x.customer ? customers.idOf(x.customer as string) : null,
        x.product ? products.idOf(x.product as string) : null,
        x.type,
        x.quantity,
        x.revenue,
        x.rating ?? null,
        x.orderId ?? null,
        at,
        key,
      ]);
      const written = (i: number) => {
        const x = rows[i]!.row.fields;
        const type = x.type as string;
        byType.set(type, (byType.get(type) ?? 0) + 1);
        if (!x.customer) guests++;
      };
      const inserted = await db.insertRows("Event", EVENT_COLUMNS, values, { ignoreConflictOn: "dedupeKey", written });
      return { inserted, updated: 0, unchanged: values.length - inserted };
    },
    summary: () => ({
      customersCreated: customers.created,
      productsCreated: products.created,
      ...(renamed ? { productsRenamed: renamed } : {}),
      ...(kind === "transactions" ? { guestRows: guests } : {}),
      ...Object.fromEntries([...byType].map(([t, n]) => [`type:${t}`, n])),
    }),
  };
}

const RENAME_CHUNK = 400;

/** Sets the names of products still named from order lines (not by a products file); returns how many changed. */
async function renameFromOrders(db: DirectDb, names: readonly [string, number][]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < names.length; i += RENAME_CHUNK) {
    const part = names.slice(i, i + RENAME_CHUNK);
    // UPDATE … FROM (VALUES …), which both databases take; the casts type PostgreSQL's parameters.
    const values = part.map(() => "(CAST(? AS TEXT), CAST(? AS INTEGER))").join(",");
    const sql = `UPDATE "Product" SET "name" = v.column1 FROM (VALUES ${values}) AS v WHERE "Product"."id" = v.column2 AND "Product"."nameFromOrders" = ? AND "Product"."name" <> v.column1`;
    changed += await db.run(sql, [...part.flat(), true]);
  }
  return changed;
}

const CAMPAIGN_EVENT_COLUMNS = ["campaignId", "customerId", "type", "revenue", "cost", "occurredAt", "dedupeKey"];

function campaignEventWriter(): ImportWriter {
  const campaigns = new ReferenceResolver("Campaign", (id) => ({ name: id }));
  const customers = new ReferenceResolver("Customer", () => ({}));
  return {
    async write(db, rows) {
      const f = rows.map((r) => r.row.fields);
      await campaigns.resolve(db, f.map((x) => String(x.campaign)));
      await customers.resolve(db, f.flatMap((x) => (x.customer ? [String(x.customer)] : [])));
      const values = rows.map(({ row: { fields: x }, key, at }): SqlValue[] => [
        campaigns.idOf(String(x.campaign)),
        x.customer ? customers.idOf(String(x.customer)) : null,
        x.type,
        x.revenue,
        x.cost,
        at,
        key,
      ]);
      const inserted = await db.insertRows("CampaignEvent", CAMPAIGN_EVENT_COLUMNS, values, { ignoreConflictOn: "dedupeKey" });
      return { inserted, updated: 0, unchanged: values.length - inserted };
    },
    summary: () => ({ campaignsCreated: campaigns.created, customersCreated: customers.created }),
  };
}

const STAT_COLUMNS = ["impressions", "clicks", "conversions", "cost", "revenue"] as const;

function dailyStatWriter(o: WriterOptions): ImportWriter {
  const campaigns = new ReferenceResolver("Campaign", (id) => ({ name: id }));
  // Dry runs roll each chunk back: remember what it would have written, keyed like the unique index.
  const overlay = o.dryRun ? new Map<string, Record<string, number>>() : null;
  return {
    async write(db, rows) {
      const counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0 };
      await campaigns.resolve(db, rows.map((r) => String(r.row.fields.campaign)));
      const find = `SELECT "id",${STAT_COLUMNS.map((c) => `"${c}"`).join(",")} FROM "CampaignDailyStat" WHERE "campaignId"=? AND "date"=? AND "segment"=?`;
      const insert = `INSERT INTO "CampaignDailyStat" ("campaignId","date","segment",${STAT_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (?,?,?,?,?,?,?,?)`;
      const update = `UPDATE "CampaignDailyStat" SET ${STAT_COLUMNS.map((c) => `"${c}"=?`).join(",")} WHERE "id"=?`;
      // One statement a row: daily reports are a row per campaign, day and segment (thousands, not millions).
      for (const { row } of rows) {
        const x = row.fields;
        const key = [campaigns.idOf(String(x.campaign)), storedDate(new Date(x.date as number)), String(x.segment ?? "")];
        const values = STAT_COLUMNS.map((c) => x[c] as number);
        const id = key.join("|");
        const found = overlay?.has(id) ? undefined : await db.first<number[]>(find, key);
        const before = overlay?.get(id) ?? (found ? (Object.fromEntries(["id", ...STAT_COLUMNS].map((c, i) => [c, found[i]!])) as Record<string, number>) : undefined);
        if (!before) {
          await db.run(insert, [...key, ...values]);
          counts.inserted++;
        } else if (STAT_COLUMNS.some((c, i) => before[c] !== values[i])) {
          await db.run(update, [...values, before.id]);
          counts.updated++;
        } else counts.unchanged++;
        overlay?.set(id, { id: before?.id ?? -1, ...Object.fromEntries(STAT_COLUMNS.map((c, i) => [c, values[i]!])) });
      }
      return counts;
    },
    summary: () => ({ campaignsCreated: campaigns.created }),
  };
}

export function createImportWriter(kind: ImportKind, o: WriterOptions): ImportWriter {
  switch (kind) {
    case "customers":
    case "products":
    case "campaigns":
      return entityWriter(kind, o);
    case "events":
    case "transactions":
      return eventWriter(kind);
    case "campaign-events":
      return campaignEventWriter();
    case "campaign-daily-stats":
      return dailyStatWriter(o);
  }
}
