// Keys that make event imports idempotent. An event's natural key is every value of its row; identical
// rows in one file are all kept (Online Retail has 5,268 such lines inside invoices, and its published
// totals count them), told apart by their occurrence number. So the k-th copy of a row always gets the same
// key, and importing the file again, or re-running it after a crash, inserts nothing twice.
//
// Keys are 64-bit integers: the event's minute (27 bits from 1900, so until 2155) followed by 36 bits of a
// hash of the key text. Leading with time keeps the unique index's inserts nearly in order for files
// sorted by time, which made the whole import three times faster than a fully random key. Two different
// rows collide only if they fall in the same minute and share 36 hash bits: with Online Retail's ~25
// rows per busy minute, about 1 chance in 10 million per file.

/** Two 32-bit hashes (FNV-1a and a multiply-xorshift) of the UTF-16 code units of s. */
export function hashPair(s: string): [number, number] {
  hashStart();
  hashText(s);
  hashEnd();
  return [hashHi, hashLo];
}

// The hash's running state, module-level so a row's key text can be hashed piece by piece, without
// building the string (keyOfRow): the same result as hashPair of the joined text.
let runA = 0;
let runB = 0;
let hashHi = 0;
let hashLo = 0;

function hashStart(): void {
  runA = 0x811c9dc5;
  runB = 0x9747b28c;
}

function hashText(s: string): void {
  let a = runA;
  let b = runB;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  runA = a;
  runB = b;
}

function hashEnd(): void {
  const b = Math.imul(runB ^ (runB >>> 13), 0xc2b2ae35);
  hashHi = runA >>> 0;
  hashLo = (b ^ (b >>> 16)) >>> 0;
}

const MINUTE_MS = 60_000;
const FROM_1900_MINUTES = 36_816_480; // minutes from 1900-01-01 to 1970-01-01
const MINUTE_BITS = 2 ** 27;

// Assembled in an 8-byte buffer rather than with BigInt shifts: one BigInt allocation a row instead of four.
const keyBytes = new DataView(new ArrayBuffer(8));

/** The key as one signed 64-bit integer (SQLite INTEGER): minute of the event, then 36 hash bits. */
export function toKey(occurredAtMs: number, hi: number, lo: number): bigint {
  const minute = Math.floor(occurredAtMs / MINUTE_MS) + FROM_1900_MINUTES;
  const m = Math.min(MINUTE_BITS - 1, Math.max(0, minute));
  // The minute's 27 bits and the hash's top 4 fill the high word (below 2**31, so the key is never negative).
  keyBytes.setUint32(4, m * 16 + (hi & 0xf), true);
  keyBytes.setUint32(0, lo >>> 0, true);
  return keyBytes.getBigInt64(0, true);
}

/**
 * Remembers every key seen in this file in one typed array of (hi, lo) pairs side by side (8 bytes a slot,
 * ~70 MB for a 5,000,000-row file where a Map of strings would take ~500 MB; a probe touches one cache line,
 * not two). Identical rows are rare, so their counts live in a small Map beside it. Give the expected number
 * of keys to avoid growing (which briefly holds both tables).
 */
export class OccurrenceCounter {
  private slots: Uint32Array;
  private used = 0;
  private readonly repeats = new Map<string, number>();

  constructor(expectedKeys = 40_000) {
    let slots = 1 << 12;
    while (slots * 0.7 < expectedKeys) slots *= 2;
    this.slots = new Uint32Array(slots * 2);
  }

  /** Returns how many times (hi, lo) was seen before this call, and records this sighting. */
  next(hi: number, lo: number): number {
    // (0, 0) marks an empty slot; the one key that hashes to it is stored as (0, 1): a harmless merge.
    if (hi === 0 && lo === 0) lo = 1;
    if ((this.used + 1) * 20 > this.slots.length * 7) this.grow();
    const t = this.slots;
    const mask = (t.length >> 1) - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) {
      if (t[2 * i] === hi && t[2 * i + 1] === lo) {
        const id = `${hi}:${lo}`;
        const k = this.repeats.get(id) ?? 1;
        this.repeats.set(id, k + 1);
        return k;
      }
      i = (i + 1) & mask;
    }
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    this.used++;
    return 0;
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const old = this.slots;
    const t = (this.slots = new Uint32Array(old.length * 2));
    const mask = (t.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & mask;
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
    }
  }
}

/** The dedupe key of a row whose natural key text is `key`, counting identical rows seen before it. */
export function dedupeKey(key: string, occurredAtMs: number, seen: OccurrenceCounter): bigint {
  const [hi, lo] = hashPair(key);
  const k = seen.next(hi, lo);
  if (k === 0) return toKey(occurredAtMs, hi, lo);
  const [h2, l2] = hashPair(`${key}#${k}`);
  return toKey(occurredAtMs, h2, l2);
}

type KeyedKind = "events" | "transactions" | "campaign-events";

/** The values of an event row that make its natural key, in key order, after a one-letter kind tag. */
const KEY_FIELDS: Record<KeyedKind, { tag: string; fields: readonly string[] }> = {
  transactions: { tag: "t", fields: ["orderId", "product", "customer", "occurredAt", "quantity", "unitPrice"] },
  events: { tag: "e", fields: ["customer", "product", "type", "occurredAt", "quantity", "revenue", "rating", "orderId"] },
  "campaign-events": { tag: "c", fields: ["campaign", "customer", "type", "occurredAt", "revenue", "cost"] },
};

const keyText = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** The natural key text of an event row of each kind that is de-duplicated: every value it stores, joined by "|". */
export function naturalKey(kind: KeyedKind, x: Readonly<Record<string, unknown>>): string {
  const { tag, fields } = KEY_FIELDS[kind];
  return `${tag}|${fields.map((f) => keyText(x[f])).join("|")}`;
}

/**
 * dedupeKey(naturalKey(kind, x), occurredAtMs, seen), hashing the values one by one instead of joining them
 * first (the import's per-row path). Numbers repeat from row to row (a file's rows share their minute), so
 * each field's last number and its text are kept.
 */
export class RowKeyer {
  private readonly fields: readonly string[];
  private readonly tag: string;
  private readonly lastNumber: number[];
  private readonly lastText: string[];

  constructor(
    private readonly kind: KeyedKind,
    private readonly seen: OccurrenceCounter,
  ) {
    ({ tag: this.tag, fields: this.fields } = KEY_FIELDS[kind]);
    this.lastNumber = this.fields.map(() => NaN);
    this.lastText = this.fields.map(() => "");
  }

  key(x: Readonly<Record<string, unknown>>, occurredAtMs: number): bigint {
    hashStart();
    hashText(this.tag);
    for (let f = 0; f < this.fields.length; f++) {
      hashText("|");
      const v = x[this.fields[f]!];
      if (typeof v === "string") hashText(v);
      else if (typeof v === "number") {
        if (v !== this.lastNumber[f]) {
          this.lastNumber[f] = v;
          this.lastText[f] = String(v);
        }
        hashText(this.lastText[f]!);
      } else hashText(keyText(v));
    }
    hashEnd();
    const k = this.seen.next(hashHi, hashLo);
    if (k === 0) return toKey(occurredAtMs, hashHi, hashLo);
    const [h2, l2] = hashPair(`${naturalKey(this.kind, x)}#${k}`);
    return toKey(occurredAtMs, h2, l2);
  }
}
