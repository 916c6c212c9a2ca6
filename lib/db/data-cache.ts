// What pages compute from the whole shop (breakdowns of a million customers, totals over ten million
// events, top categories) kept in this process until the data it reads changes. Each request asks the
// stamps instead (a few primary-key ends, instant), so a page pays for the grouping once per change of the
// data, not once per view. Each app instance keeps its own: the stamps are read from the database, so
// instances never disagree for long.
//
// One computation per key at a time. A request that finds one under way for the data as it is now waits
// for it; one that finds the data has changed again since it began (an import is writing, a batch every
// second) gets the value from before at once, instead of starting its own grouping of millions of rows.
// So what a person sees once an import has finished is what it wrote.

/** Says what a value was computed from: it changes whenever that data does (purchaseDataStamp, …). */
export type DataStamp = () => Promise<string>;

interface Entry {
  /** The stamp of the last value computed, and the value. */
  stamp: string | null;
  value: unknown;
  /** The computation under way, if any, and the stamp it computes for. */
  pending: Promise<unknown> | null;
  pendingStamp: string | null;
}

// Keys carry their arguments (a date range, an as-of day), so the map is bounded: past this it starts afresh.
const MAX_ENTRIES = 500;
const entries = new Map<string, Entry>();

/** `compute()`'s value for `key`, computed again only when one of `stamps` has changed since. */
export async function whileUnchanged<T>(key: string, stamps: readonly DataStamp[], compute: () => Promise<T>): Promise<T> {
  const stamp = (await Promise.all(stamps.map((s) => s()))).join("|");
  let entry = entries.get(key);
  if (entry?.stamp === stamp) return entry.value as T;
  if (entry?.pending) return (entry.pendingStamp === stamp || entry.stamp === null ? entry.pending : entry.value) as T | Promise<T>;
  if (!entry) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, (entry = { stamp: null, value: undefined, pending: null, pendingStamp: null }));
  }
  const e = entry;
  const pending = compute().then(
    (value) => {
      Object.assign(e, { stamp, value, pending: null, pendingStamp: null });
      return value;
    },
    (error: unknown) => {
      // A failure is not kept: the next request computes again.
      e.pending = e.pendingStamp = null;
      throw error;
    },
  );
  e.pending = pending;
  e.pendingStamp = stamp;
  return pending;
}
