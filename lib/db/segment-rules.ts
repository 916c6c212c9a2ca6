// Compiles a rule (lib/segments/rules.ts) to one parameterised query over Customer, joined to a
// per-customer purchase aggregate only when the rule uses purchase fields. The rule becomes a Prisma.Sql
// fragment: values are always bound parameters, field names come from a fixed list, and attribute names
// are checked and bound too, never spliced raw. The SQLite-only pieces come from sql.ts.
import { ATTRIBUTE_FIELD, AUDIENCE_FIELD, type Condition, fieldOf, isGroup, OPERATORS_BY_KIND, type RuleNode } from "../segments/rules";
import { getDb } from "./client";
import { caseless, containsText, dateOf, jsonValue, num, Prisma } from "./sql";
import { UserError } from "../errors";
import { DAY_MS as DAY, dayProblem, parseDay } from "../days";
import { blindIndex, isPiiEncryptionOn, revealPii } from "../auth/pii-crypto";

/** A rule the compiler cannot turn into SQL; the message names the condition and what is wrong. */
export class RuleError extends UserError {
  constructor(message: string) {
    super(message, "rejected");
    this.name = "RuleError";
  }
}

type Param = string | number | Date;
export interface Compiled {
  /** A boolean expression over `c` (Customer) and, when usesPurchases, `p` (CustomerPurchaseStats). */
  sql: Prisma.Sql;
  usesPurchases: boolean;
}

// Purchase fields come from CustomerPurchaseStats (purchase-stats.ts), refreshed after every import.
const PURCHASES = Prisma.sql`LEFT JOIN "CustomerPurchaseStats" p ON p."customerId" = c."id"`;

const ALLOWED = OPERATORS_BY_KIND;

function column(c: Condition, where: string): { expr: Prisma.Sql; numeric?: Prisma.Sql; kind: keyof typeof ALLOWED; purchases: boolean } {
  const f = fieldOf(c.field);
  if (!f) throw new RuleError(`${where}: unknown field "${c.field}"`);
  if (f.source === "attribute") {
    const key = c.field.slice(ATTRIBUTE_FIELD.length);
    if (!/^[\p{L}\p{N} _.()$%&/-]{1,100}$/u.test(key)) throw new RuleError(`${where}: the attribute name "${key}" has characters a rule cannot use`);
    return { expr: jsonValue(`c."attributes"`, key), numeric: jsonValue(`c."attributes"`, key, "number"), kind: "attribute", purchases: false };
  }
  if (f.source === "purchases") {
    const expr = Prisma.raw(f.kind === "number" ? `coalesce(p."${f.id}", 0)` : `p."${f.id}"`);
    return { expr, kind: f.kind, purchases: true };
  }
  return { expr: Prisma.raw(`c."${f.id}"`), kind: f.kind, purchases: false };
}

function value(v: unknown, kind: keyof typeof ALLOWED, where: string): Param {
  if (kind === "number" && (typeof v !== "number" || !Number.isFinite(v))) throw new RuleError(`${where}: needs a number, got ${JSON.stringify(v)}`);
  if (kind === "date") {
    if (typeof v !== "string") throw new RuleError(`${where}: needs a date as YYYY-MM-DD, got ${JSON.stringify(v)}`);
    const ms = parseDay(v);
    if (ms === null) throw new RuleError(`${where}: ${dayProblem(v)}`);
    return new Date(ms);
  }
  if (typeof v !== "string" && typeof v !== "number") throw new RuleError(`${where}: needs a value`);
  return v;
}

/** The midnight after a date value's day (value() gives dates at midnight UTC). */
const nextDay = (day: Param) => new Date((day as Date).getTime() + DAY);

/** Email and name encrypted at rest (MARKETLENS_ENCRYPT_PII) compare by their index: equality only. */
function sealedCondition(c: Condition, where: string): Compiled | null {
  if (!isPiiEncryptionOn() || (c.field !== "email" && c.field !== "name")) return null;
  const field = c.field;
  const index = Prisma.raw(`c."${field}Index"`);
  const hashed = (v: unknown) => {
    if (typeof v !== "string" || v === "") throw new RuleError(`${where}: needs a value`);
    return blindIndex(field, v);
  };
  switch (c.op) {
    case "eq":
      return { sql: Prisma.sql`${index} = ${hashed(c.value)}`, usesPurchases: false };
    case "neq":
      return { sql: Prisma.sql`(${index} IS NULL OR ${index} <> ${hashed(c.value)})`, usesPurchases: false };
    case "in":
      return { sql: Prisma.sql`${index} IN (${Prisma.join((c.values ?? []).map(hashed))})`, usesPurchases: false };
    case "empty":
      return { sql: Prisma.sql`c."${Prisma.raw(field)}" IS NULL`, usesPurchases: false };
    case "notEmpty":
      return { sql: Prisma.sql`c."${Prisma.raw(field)}" IS NOT NULL`, usesPurchases: false };
    default:
      throw new RuleError(`${where}: ${fieldOf(field)!.label} is encrypted at rest, so only "equals", "does not equal", "is one of", "is empty" and "is not empty" apply to it`);
  }
}

function condition(c: Condition, where: string, now: number): Compiled {
  if (c.field === AUDIENCE_FIELD.id) {
    if (c.op !== "eq" || typeof c.value !== "number" || !Number.isInteger(c.value)) throw new RuleError(`${where}: "${AUDIENCE_FIELD.label}" needs "equals" and a segment id`);
    return { sql: Prisma.sql`c."id" IN (SELECT "customerId" FROM "SegmentMember" WHERE "segmentId" = ${c.value})`, usesPurchases: false };
  }
  const sealed = sealedCondition(c, where);
  if (sealed) return sealed;
  const col = column(c, where);
  if (!ALLOWED[col.kind].includes(c.op)) throw new RuleError(`${where}: "${c.op}" does not apply to ${fieldOf(c.field)!.label} (${col.kind === "attribute" ? "an attribute" : `a ${col.kind} field`})`);
  const text = col.kind === "text" || (col.kind === "attribute" && [c.value, ...(c.values ?? [])].some((v) => typeof v === "string"));
  // Text equality ignores case on both sides (sql.ts says how each database does it).
  const eq = (e: Prisma.Sql) => (text ? caseless(e) : e);
  // An attribute compared with numbers is read as a number (sql.ts: PostgreSQL's jsonb needs saying so).
  const x = col.numeric && !text && c.op !== "empty" && c.op !== "notEmpty" && c.op !== "contains" ? col.numeric : col.expr;
  const v = () => value(c.value, col.kind, where);
  const bound = (p: Param) => Prisma.sql`${p}`;
  const out = (sql: Prisma.Sql): Compiled => ({ sql, usesPurchases: col.purchases });
  switch (c.op) {
    case "eq":
      return out(Prisma.sql`${eq(x)} = ${eq(bound(v()))}`);
    case "neq":
      return out(Prisma.sql`(${x} IS NULL OR ${eq(x)} <> ${eq(bound(v()))})`);
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      // A date means the whole day: "on or before 1 Jan" includes 1 Jan 23:59, "after 1 Jan" starts on 2 Jan.
      if (col.kind === "date") {
        const day = c.op === "lte" || c.op === "gt" ? nextDay(v()) : v();
        return out(Prisma.sql`${x} ${Prisma.raw(c.op === "lt" || c.op === "lte" ? "<" : ">=")} ${day}`);
      }
      return out(Prisma.sql`${x} ${Prisma.raw({ lt: "<", lte: "<=", gt: ">", gte: ">=" }[c.op])} ${v()}`);
    case "between": {
      if (c.values?.length !== 2) throw new RuleError(`${where}: "between" needs two values`);
      const [lo, hi] = c.values.map((x) => value(x, col.kind, where)) as [Param, Param];
      if (col.kind === "date") return out(Prisma.sql`${x} >= ${lo} AND ${x} < ${nextDay(hi)}`);
      return out(Prisma.sql`${x} BETWEEN ${lo} AND ${hi}`);
    }
    case "in": {
      if (!c.values?.length) throw new RuleError(`${where}: "is one of" needs at least one value`);
      return out(Prisma.sql`${eq(x)} IN (${Prisma.join(c.values.map((y) => eq(bound(value(y, col.kind, where)))))})`);
    }
    case "contains":
      return out(containsText(x, String(v())));
    case "empty":
      return out(col.kind === "number" || col.kind === "date" ? Prisma.sql`${x} IS NULL` : Prisma.sql`(${x} IS NULL OR ${x} = '')`);
    case "notEmpty":
      return out(col.kind === "number" || col.kind === "date" ? Prisma.sql`${x} IS NOT NULL` : Prisma.sql`(${x} IS NOT NULL AND ${x} <> '')`);
    case "withinDays": {
      const days = c.value;
      if (typeof days !== "number" || !Number.isInteger(days) || days < 0) throw new RuleError(`${where}: "within the last N days" needs a whole number of days`);
      return out(Prisma.sql`${x} >= ${new Date(now - days * DAY)}`);
    }
  }
}

/** Always true / always false in both SQLite and PostgreSQL (a bare 1 is not a boolean in PostgreSQL). */
export const TRUE = Prisma.sql`1=1`;
const FALSE = Prisma.sql`1=0`;

export function compileRule(node: RuleNode, now: number = Date.now(), where = "rule"): Compiled {
  if (!isGroup(node)) return condition(node, where, now);
  const [joiner, parts] = "all" in node ? [" AND ", node.all] : [" OR ", node.any];
  if (parts.length === 0) return { sql: "all" in node ? TRUE : FALSE, usesPurchases: false };
  const compiled = parts.map((p, i) => compileRule(p, now, `${where === "rule" ? "condition" : where}.${i + 1}`.replace(/^condition\./, "condition ")));
  return { sql: Prisma.sql`(${Prisma.join(compiled.map((c) => c.sql), joiner)})`, usesPurchases: compiled.some((c) => c.usesPurchases) };
}

function fromWhere(node: RuleNode, now: number): Prisma.Sql {
  const c = compileRule(node, now);
  return Prisma.sql`FROM "Customer" c ${c.usesPurchases ? PURCHASES : Prisma.empty} WHERE ${c.sql}`;
}

/** How many customers the rule selects. */
export async function countRuleMembers(node: RuleNode, now: number = Date.now()): Promise<number> {
  const [r] = await getDb().$queryRaw<[{ n: bigint | number }]>`SELECT count(*) AS n ${fromWhere(node, now)}`;
  return num(r.n);
}

export interface RuleMember {
  id: number;
  externalId: string;
  name: string | null;
  country: string | null;
}

/** A page of the rule's customers, by external id. */
export async function listRuleMembers(node: RuleNode, page: { offset: number; limit: number }, now: number = Date.now()): Promise<RuleMember[]> {
  const rows = await getDb().$queryRaw<RuleMember[]>`SELECT c."id" AS id, c."externalId" AS "externalId", c."name" AS name, c."country" AS country
    ${fromWhere(node, now)} ORDER BY c."externalId" LIMIT ${page.limit} OFFSET ${page.offset}`;
  return rows.map((r) => ({ id: num(r.id), externalId: r.externalId, name: revealPii(r.name), country: r.country }));
}

export interface ExportRow {
  externalId: string;
  email: string | null;
  name: string | null;
  country: string | null;
  orders: number;
  revenue: number;
  lastPurchaseAt: Date | null;
}

/** What $queryRaw gives for the member columns: ids and counts may be bigint, the date text or a Date. */
type MemberRaw = Omit<ExportRow, "orders" | "revenue" | "lastPurchaseAt"> & { id: number | bigint; orders: unknown; revenue: unknown; lastPurchaseAt: unknown };

const MEMBER_COLUMNS = Prisma.sql`c."id" AS id, c."externalId" AS "externalId", c."email" AS email, c."name" AS name, c."country" AS country,
  coalesce(p."orders", 0) AS orders, coalesce(p."revenue", 0) AS revenue, p."lastPurchaseAt" AS "lastPurchaseAt"`;

function toMember(r: MemberRaw): MemberRow {
  return { id: num(r.id), externalId: r.externalId, email: revealPii(r.email), name: revealPii(r.name), country: r.country, orders: num(r.orders), revenue: num(r.revenue), lastPurchaseAt: dateOf(r.lastPurchaseAt) };
}

/** Every member with the columns an export carries, in pages of `batch`, for streaming to a file. */
export async function* exportRuleMembers(node: RuleNode, batch = 5_000, now: number = Date.now()): AsyncGenerator<ExportRow[]> {
  const c = compileRule(node, now);
  let after = 0;
  for (;;) {
    const rows = (await getDb().$queryRaw<MemberRaw[]>`SELECT ${MEMBER_COLUMNS}
      FROM "Customer" c ${PURCHASES} WHERE ${c.sql} AND c."id" > ${after} ORDER BY c."id" LIMIT ${batch}`).map(toMember);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map(({ id: _id, ...r }) => r);
  }
}

export const MEMBER_SORTS = ["externalId", "name", "country", "orders", "revenue", "lastPurchaseAt"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export interface MemberRow extends ExportRow {
  id: number;
}

const SORT_KEYS: Record<MemberSort, string> = { externalId: `c."externalId"`, name: `c."name"`, country: `c."country"`, orders: `coalesce(p."orders", 0)`, revenue: `coalesce(p."revenue", 0)`, lastPurchaseAt: `p."lastPurchaseAt"` };

/** One page of a rule's members with their purchase totals, sorted, with the total count. */
export async function pageRuleMembers(node: RuleNode, req: { page: number; pageSize: number; sort: MemberSort; dir: "asc" | "desc"; q?: string; searchPii?: boolean }, now: number = Date.now()): Promise<{ rows: MemberRow[]; total: number }> {
  const rule = compileRule(node, now);
  const term = req.q?.trim();
  // Search matches part of the id, name, email or country, as the customers table does.
  // Encrypted email and name (MARKETLENS_ENCRYPT_PII) match by their index: the whole value, any case.
  const sealed = isPiiEncryptionOn() && req.searchPii !== false;
  const columns = req.searchPii === false || sealed ? ["externalId", "country"] : ["externalId", "name", "email", "country"];
  const exact = sealed && term ? [Prisma.sql`c."emailIndex" = ${blindIndex("email", term)}`, Prisma.sql`c."nameIndex" = ${blindIndex("name", term)}`] : [];
  const match = term ? Prisma.sql` AND (${Prisma.join([...columns.map((col) => containsText(Prisma.raw(`c."${col}"`), term)), ...exact], " OR ")})` : Prisma.empty;
  const from = Prisma.sql`FROM "Customer" c ${PURCHASES} WHERE ${rule.sql}${match}`;
  const key = SORT_KEYS[req.sort];
  // Empty values last whichever way the column is sorted; the id keeps pages stable.
  const order = Prisma.raw(`${key} IS NULL, ${key} ${req.dir === "asc" ? "ASC" : "DESC"}, c."id"`);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<MemberRaw[]>`SELECT ${MEMBER_COLUMNS} ${from} ORDER BY ${order} LIMIT ${req.pageSize} OFFSET ${(req.page - 1) * req.pageSize}`,
    db.$queryRaw<[{ n: bigint | number }]>`SELECT count(*) AS n ${from}`,
  ]);
  return { rows: rows.map(toMember), total: num(count.n) };
}
