// What counts as one order in SQL: its order id, or for a line without one the time of the line, as text on
// both databases (PostgreSQL's coalesce will not mix text with a timestamp). Kept free of imports: the
// import process uses it without loading Prisma (client.ts).

/** `coalesce(orderId, occurredAt as text)`, of the table `alias` when given. */
export function orderKeySql(alias?: string): string {
  if (alias !== undefined && !/^[a-z]+$/.test(alias)) throw new RangeError(`orderKeySql: unexpected alias ${alias}`);
  const a = alias ? `${alias}.` : "";
  return `coalesce(${a}"orderId", CAST(${a}"occurredAt" AS TEXT))`;
}
