// What pages compute from the whole shop (breakdowns of a million customers, totals over ten million
// events, top categories) kept in this process until the data it reads changes. Each request asks the
// stamps instead (a few primary-key ends, instant), so a page pays for the grouping once per change of the
// data, not once per view. Concurrent requests share one computation; a failed one is not kept. Each app
// instance keeps its own: the stamps are read from the database, so instances never disagree for long.

/** Says what a value was computed from: it changes whenever that data does (purchaseDataStamp, …). */
export type DataStamp = () => Promise<string>;

// Keys carry their arguments (a date range, an as-of day), so the map is bounded: past this it starts afresh.
const MAX_ENTRIES = 500;
const entries = new Map<string, { stamp: string; value: Promise<unknown> }>();

/** `compute()`'s value for `key`, computed again only when one of `stamps` has changed since. */
export async function whileUnchanged<T>(key: string, stamps: readonly DataStamp[], compute: () => Promise<T>): Promise<T> {
  const stamp = (await Promise.all(stamps.map((s) => s()))).join("|");
  const hit = entries.get(key);
  if (hit?.stamp === stamp) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value: Promise<T> = compute().catch((e: unknown) => {
    if (entries.get(key)?.value === value) entries.delete(key);
    throw e;
  });
  entries.set(key, { stamp, value });
  return value;
}
