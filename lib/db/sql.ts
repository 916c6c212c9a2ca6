// The few places where SQL differs between SQLite and PostgreSQL live here, each switched on the configured
// database. Everything else in lib/db writes SQL both read: standard joins and aggregates, `WITH … AS
// MATERIALIZED` (SQLite 3.35+, PostgreSQL 12+), CASE instead of summing booleans, `1=1` instead of a bare `1`.
import { configuredProvider } from "../env";
import { Prisma } from "./generated/client";
import { orderKeySql } from "./order-key";

const onPostgres = () => configuredProvider() === "postgresql";

/**
 * Raw aggregates come back as bigint (COUNT, and SUM/MIN/MAX of integers), as null (SUM of nothing) or
 * as numbers (a plain Float or Int column); pages want plain numbers.
 */
export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "string") return Number(v);
  if (typeof v === "object" && "toNumber" in v && typeof (v as { toNumber: unknown }).toNumber === "function") {
    return (v as { toNumber: () => number }).toNumber();
  }
  return Number(v);
}

/** `num` for a nullable column: null stays null (an unknown age is not age 0). */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

/**
 * A DateTime read by $queryRaw as epoch ms, or null. The SQLite adapter gives a Date for a plain DateTime
 * column but the stored ISO text for an expression over one (min, max, coalesce); PostgreSQL gives Dates.
 */
export function epochMs(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string") return Date.parse(v);
  throw new TypeError(`epochMs: expected a date, got ${typeof v}`);
}

/** `epochMs` as a Date. */
export function dateOf(v: unknown): Date | null {
  const ms = epochMs(v);
  return ms === null ? null : new Date(ms);
}

const COLUMN = /^[A-Za-z_."]+$/;

function checked(column: string, what: string): string {
  if (!COLUMN.test(column)) throw new RangeError(`${what}: unexpected column expression ${column}`);
  return column;
}

/**
 * The UTC calendar day (YYYY-MM-DD) of a DateTime column. The SQLite adapter stores DateTime as ISO 8601
 * text, so the day is its first ten characters; PostgreSQL's column is a `timestamp` holding UTC.
 */
export function utcDay(column: string): Prisma.Sql {
  const c = checked(column, "utcDay");
  return Prisma.raw(onPostgres() ? `to_char(${c}, 'YYYY-MM-DD')` : `substr(${c}, 1, 10)`);
}

/**
 * A DateTime column moved by a whole number of days, still comparable with stored dates. SQLite keeps
 * DateTime as ISO text with "+00:00" (stored-date.ts), so the shifted value is formatted the same way.
 */
export function shiftDays(column: string, days: number): Prisma.Sql {
  if (!Number.isInteger(days)) throw new RangeError(`shiftDays: days must be a whole number, got ${days}`);
  if (onPostgres()) return Prisma.raw(`(${checked(column, "shiftDays")} + make_interval(days => ${days}))`);
  return Prisma.raw(`strftime('%Y-%m-%dT%H:%M:%f+00:00', ${checked(column, "shiftDays")}, '${days >= 0 ? "+" : ""}${days} days')`);
}

/**
 * A column compared without letting the planner pick an index on it: SQLite's unary `+` (PostgreSQL
 * needs nothing; its planner has statistics). Without it, SQLite answers "this customer's next purchase"
 * by walking the (type, occurredAt, …) index over every later purchase in the shop instead of seeking
 * the (customerId, occurredAt) index: measured 125 s for one campaign's repeat purchases at 100,000
 * customers, against well under a second.
 */
export function noIndex(column: string): Prisma.Sql {
  const c = checked(column, "noIndex");
  return Prisma.raw(onPostgres() ? c : `+${c}`);
}

/**
 * One key of a Json column as an SQL value; the key is a bound parameter. SQLite's json_extract gives
 * numbers as numbers and text as text whatever `as` says. PostgreSQL's json (schema-variants.ts) gives
 * text (`->>`), or for `as: "number"` the number when the value is one and null otherwise (a cast would
 * fail on text).
 */
export function jsonValue(column: string, key: string, as: "text" | "number" = "text"): Prisma.Sql {
  const c = Prisma.raw(checked(column, "jsonValue"));
  if (!onPostgres()) return Prisma.sql`json_extract(${c}, ${`$."${key}"`})`;
  if (as === "text") return Prisma.sql`(${c} ->> ${key}::text)`;
  return Prisma.sql`(CASE WHEN json_typeof(${c} -> ${key}::text) = 'number' THEN (${c} ->> ${key}::text)::float8 END)`;
}

/** A FROM item listing the keys of a Json object column, one row per key in the column `key` of `alias`. */
export function jsonKeys(column: string, alias: string): Prisma.Sql {
  const c = checked(column, "jsonKeys");
  const a = checked(alias, "jsonKeys");
  return Prisma.raw(onPostgres() ? `json_object_keys(${c}) AS ${a}(key)` : `json_each(${c}) ${a}`);
}

/**
 * An expression compared without regard to case, on either side of `=`, `<>` or `IN`. SQLite's NOCASE
 * folds ASCII letters only; PostgreSQL's lower() folds every letter its collation knows.
 */
export function caseless(x: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`lower(${x})` : Prisma.sql`${x} COLLATE NOCASE`;
}

/**
 * `x` contains `part` as plain text, ignoring case (SQLite's LIKE ignores ASCII case; PostgreSQL needs
 * ILIKE). `%`, `_` and `\` in `part` match themselves.
 */
export function containsText(x: Prisma.Sql, part: string): Prisma.Sql {
  const pattern = `%${part.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return onPostgres() ? Prisma.sql`${x} ILIKE ${pattern} ESCAPE '\\'` : Prisma.sql`${x} LIKE ${pattern} ESCAPE '\\'`;
}

/** One order's key (order-key.ts), for counting distinct orders. */
export function orderKey(alias?: string): Prisma.Sql {
  return Prisma.raw(orderKeySql(alias));
}

export { Prisma };
