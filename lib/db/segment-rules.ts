// Compiles a rule (lib/segments/rules.ts) to one parameterised SQLite query over Customer, joined to a
// per-customer purchase aggregate only when the rule uses purchase fields. Values are always bound
// parameters; field names come from a fixed list, and attribute names are checked, never spliced raw.
import { ATTRIBUTE_FIELD, type Condition, fieldOf, isGroup, OPERATORS_BY_KIND, type RuleNode } from "../segments/rules";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";
import { UserError } from "../errors";

/** A rule the compiler cannot turn into SQL; the message names the condition and what is wrong. */
export class RuleError extends UserError {
  constructor(message: string) {
    super(message, "rejected");
    this.name = "RuleError";
  }
}

type Param = string | number;
interface Compiled {
  sql: string;
  params: Param[];
  usesPurchases: boolean;
}

const DAY = 86_400_000;
// Purchase fields come from CustomerPurchaseStats (purchase-stats.ts), refreshed after every import.
const PURCHASES = `LEFT JOIN "CustomerPurchaseStats" p ON p."customerId" = c."id"`;

const ALLOWED = OPERATORS_BY_KIND;

function column(c: Condition, where: string): { expr: string; kind: keyof typeof ALLOWED; params: Param[]; purchases: boolean } {
  const f = fieldOf(c.field);
  if (!f) throw new RuleError(`${where}: unknown field "${c.field}"`);
  if (f.source === "attribute") {
    const key = c.field.slice(ATTRIBUTE_FIELD.length);
    if (!/^[\p{L}\p{N} _.()$%&/-]{1,100}$/u.test(key)) throw new RuleError(`${where}: the attribute name "${key}" has characters a rule cannot use`);
    return { expr: `json_extract(c."attributes", ?)`, kind: "attribute", params: [`$."${key}"`], purchases: false };
  }
  if (f.source === "purchases") {
    const expr = f.kind === "number" ? `coalesce(p."${f.id}", 0)` : `p."${f.id}"`;
    return { expr, kind: f.kind, params: [], purchases: true };
  }
  return { expr: `c."${f.id}"`, kind: f.kind, params: [], purchases: false };
}

function value(v: unknown, kind: keyof typeof ALLOWED, where: string): Param {
  if (kind === "number" && (typeof v !== "number" || !Number.isFinite(v))) throw new RuleError(`${where}: needs a number, got ${JSON.stringify(v)}`);
  if (kind === "date") {
    const ms = typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
    if (Number.isNaN(ms)) throw new RuleError(`${where}: needs a date as YYYY-MM-DD, got ${JSON.stringify(v)}`);
    return storedDate(new Date(ms));
  }
  if (typeof v !== "string" && typeof v !== "number") throw new RuleError(`${where}: needs a value`);
  return v;
}

/** The stored text of the midnight after a stored date's day. */
const nextDay = (stored: Param) => storedDate(new Date(Date.parse(String(stored)) + DAY));

const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

function condition(c: Condition, where: string, now: number): Compiled {
  const col = column(c, where);
  if (!ALLOWED[col.kind].includes(c.op)) throw new RuleError(`${where}: "${c.op}" does not apply to ${fieldOf(c.field)!.label} (${col.kind === "attribute" ? "an attribute" : `a ${col.kind} field`})`);
  const text = col.kind === "text" || (col.kind === "attribute" && [c.value, ...(c.values ?? [])].some((v) => typeof v === "string"));
  const x = text && (c.op === "eq" || c.op === "neq" || c.op === "in") ? `${col.expr} COLLATE NOCASE` : col.expr;
  const v = () => value(c.value, col.kind, where);
  const out = (sql: string, params: Param[]): Compiled => ({ sql, params: [...col.params.flatMap((p) => Array(sql.split("json_extract").length - 1).fill(p) as Param[]), ...params], usesPurchases: col.purchases });
  switch (c.op) {
    case "eq":
      return out(`${x} = ?`, [v()]);
    case "neq":
      return out(`(${col.expr} IS NULL OR ${x} <> ?)`, [v()]);
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      // A date means the whole day: "on or before 1 Jan" includes 1 Jan 23:59, "after 1 Jan" starts on 2 Jan.
      if (col.kind === "date") return out(`${col.expr} ${c.op === "lt" || c.op === "lte" ? "<" : ">="} ?`, [c.op === "lte" || c.op === "gt" ? nextDay(v()) : v()]);
      return out(`${col.expr} ${{ lt: "<", lte: "<=", gt: ">", gte: ">=" }[c.op]} ?`, [v()]);
    case "between": {
      if (c.values?.length !== 2) throw new RuleError(`${where}: "between" needs two values`);
      const [lo, hi] = c.values.map((x) => value(x, col.kind, where));
      if (col.kind === "date") return out(`${col.expr} >= ? AND ${col.expr} < ?`, [lo!, nextDay(hi!)]);
      return out(`${col.expr} BETWEEN ? AND ?`, [lo!, hi!]);
    }
    case "in": {
      if (!c.values?.length) throw new RuleError(`${where}: "is one of" needs at least one value`);
      return out(`${x} IN (${c.values.map(() => "?").join(",")})`, c.values.map((x) => value(x, col.kind, where)));
    }
    case "contains":
      return out(`${col.expr} LIKE ? ESCAPE '\\'`, [like(String(v()))]);
    case "empty":
      return out(col.kind === "number" || col.kind === "date" ? `${col.expr} IS NULL` : `(${col.expr} IS NULL OR ${col.expr} = '')`, []);
    case "notEmpty":
      return out(col.kind === "number" || col.kind === "date" ? `${col.expr} IS NOT NULL` : `(${col.expr} IS NOT NULL AND ${col.expr} <> '')`, []);
    case "withinDays": {
      const days = c.value;
      if (typeof days !== "number" || !Number.isInteger(days) || days < 0) throw new RuleError(`${where}: "within the last N days" needs a whole number of days`);
      return out(`${col.expr} >= ?`, [storedDate(new Date(now - days * DAY))]);
    }
  }
}

export function compileRule(node: RuleNode, now: number = Date.now(), where = "rule"): Compiled {
  if (!isGroup(node)) return condition(node, where, now);
  const [joiner, parts] = "all" in node ? [" AND ", node.all] : [" OR ", node.any];
  if (parts.length === 0) return { sql: "all" in node ? "1" : "0", params: [], usesPurchases: false };
  const compiled = parts.map((p, i) => compileRule(p, now, `${where === "rule" ? "condition" : where}.${i + 1}`.replace(/^condition\./, "condition ")));
  return { sql: `(${compiled.map((c) => c.sql).join(joiner)})`, params: compiled.flatMap((c) => c.params), usesPurchases: compiled.some((c) => c.usesPurchases) };
}

function fromWhere(node: RuleNode, now: number): { sql: string; params: Param[] } {
  const c = compileRule(node, now);
  return { sql: `FROM "Customer" c ${c.usesPurchases ? PURCHASES : ""} WHERE ${c.sql}`, params: c.params };
}

/** How many customers the rule selects. */
export function countRuleMembers(node: RuleNode, now: number = Date.now()): number {
  const q = fromWhere(node, now);
  return (prepared(bulkConnection(), `SELECT count(*) AS n ${q.sql}`).get(...q.params) as { n: number }).n;
}

/** A page of the rule's customers, by external id. */
export function listRuleMembers(node: RuleNode, page: { offset: number; limit: number }, now: number = Date.now()): { id: number; externalId: string; name: string | null; country: string | null }[] {
  const q = fromWhere(node, now);
  const sql = `SELECT c."id" AS id, c."externalId" AS externalId, c."name" AS name, c."country" AS country ${q.sql} ORDER BY c."externalId" LIMIT ? OFFSET ?`;
  return prepared(bulkConnection(), sql).all(...q.params, page.limit, page.offset) as { id: number; externalId: string; name: string | null; country: string | null }[];
}

export interface ExportRow {
  externalId: string;
  email: string | null;
  name: string | null;
  country: string | null;
  orders: number;
  revenue: number;
  lastPurchaseAt: string | null;
}

/** Every member with the columns an export carries, in pages of `batch`, for streaming to a file. */
export function* exportRuleMembers(node: RuleNode, batch = 5_000, now: number = Date.now()): Generator<ExportRow[]> {
  const c = compileRule(node, now);
  const sql = `SELECT c."id" AS id, c."externalId" AS externalId, c."email" AS email, c."name" AS name, c."country" AS country,
      coalesce(p."orders", 0) AS orders, coalesce(p."revenue", 0) AS revenue, p."lastPurchaseAt" AS lastPurchaseAt
    FROM "Customer" c ${PURCHASES} WHERE ${c.sql} AND c."id" > ? ORDER BY c."id" LIMIT ?`;
  let after = 0;
  for (;;) {
    const rows = prepared(bulkConnection(), sql).all(...c.params, after, batch) as (ExportRow & { id: number })[];
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

/** One page of a rule's members with their purchase totals, sorted, with the total count. */
export function pageRuleMembers(node: RuleNode, req: { page: number; pageSize: number; sort: MemberSort; dir: "asc" | "desc"; q?: string }, now: number = Date.now()): { rows: MemberRow[]; total: number } {
  const rule = compileRule(node, now);
  const term = req.q?.trim();
  // Search matches part of the id, name, email or country, as the customers table does.
  const pattern = term ? like(term) : "";
  const match = ["externalId", "name", "email", "country"].map((col) => `c."${col}" LIKE ? ESCAPE '\\'`).join(" OR ");
  const c = term ? { sql: `${rule.sql} AND (${match})`, params: [...rule.params, pattern, pattern, pattern, pattern] } : rule;
  const from = `FROM "Customer" c ${PURCHASES} WHERE ${c.sql}`;
  const key = { externalId: `c."externalId"`, name: `c."name"`, country: `c."country"`, orders: `coalesce(p."orders", 0)`, revenue: `coalesce(p."revenue", 0)`, lastPurchaseAt: `p."lastPurchaseAt"` }[req.sort];
  // Empty values last whichever way the column is sorted; the id keeps pages stable.
  const order = `${key} IS NULL, ${key} ${req.dir === "asc" ? "ASC" : "DESC"}, c."id"`;
  const sql = `SELECT c."id" AS id, c."externalId" AS externalId, c."email" AS email, c."name" AS name, c."country" AS country,
      coalesce(p."orders", 0) AS orders, coalesce(p."revenue", 0) AS revenue, p."lastPurchaseAt" AS lastPurchaseAt
    ${from} ORDER BY ${order} LIMIT ? OFFSET ?`;
  const rows = prepared(bulkConnection(), sql).all(...c.params, req.pageSize, (req.page - 1) * req.pageSize) as MemberRow[];
  const total = (prepared(bulkConnection(), `SELECT count(*) AS n ${from}`).get(...c.params) as { n: number }).n;
  return { rows, total };
}
