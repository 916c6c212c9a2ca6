// How the Prisma SQLite adapter stores DateTime: ISO 8601 text with "+00:00". Kept free of imports, so the
// import's row-preparing stage (which may run in a worker thread) formats dates exactly as the database does.

/** The stored text of a date. */
export function storedDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

let lastMs = NaN;
let lastText = "";

/**
 * storedDate for epoch milliseconds, remembering the last one: order lines and event logs repeat a
 * timestamp many times in a row (an invoice's lines), and formatting was a tenth of an import's time.
 */
export function storedDateMs(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString().replace("Z", "+00:00");
  }
  return lastText;
}
