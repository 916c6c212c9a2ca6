// The few places where SQL differs between databases live here, so a PostgreSQL provider can swap them.
import { Prisma } from "./generated/client";

/** Raw aggregates come back as bigint (COUNT) or null (SUM of nothing); pages want plain numbers. */
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

/**
 * The UTC calendar day (YYYY-MM-DD) of a DateTime column. The SQLite adapter stores DateTime as ISO 8601
 * text, so the day is its first ten characters; PostgreSQL would use to_char(col AT TIME ZONE 'UTC', ...).
 */
export function utcDay(column: string): Prisma.Sql {
  if (!/^[A-Za-z_."]+$/.test(column)) throw new RangeError(`utcDay: unexpected column expression ${column}`);
  return Prisma.raw(`substr(${column}, 1, 10)`);
}

export { Prisma };
