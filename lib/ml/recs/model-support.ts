// Small pieces the popularity, neighbourhood and EASE models share: option checks that name the bad value,
// CSR matrices in and out of JSON, the "because you have these items" reason, and telling whether a history
// is still the user's training row (so a model can reuse what it precomputed for that user).
import { pack, unpackF32, unpackI32, type PackedArray } from "../codec";
import type { Csr } from "./csr";
import type { Reason, UserHistory } from "./types";
import { MlRangeError } from "../errors";

export { checkNonNegative, checkPositive, checkWhole } from "../checks";

/** A whole-number header field of a loaded model. */
export function readCount(o: Record<string, unknown>, field: string, kind: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new MlRangeError(`${kind} model: ${field} must be a whole number, got ${String(v)}`);
  return v;
}

export function readNumber(o: Record<string, unknown>, field: string, kind: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new MlRangeError(`${kind} model: ${field} must be a finite number, got ${String(v)}`);
  return v;
}

export interface PackedCsr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: PackedArray;
  readonly indices: PackedArray;
  readonly values: PackedArray;
}

export function packCsr(m: Csr): PackedCsr {
  return { rows: m.rows, cols: m.cols, indptr: pack(m.indptr), indices: pack(m.indices), values: pack(m.values) };
}

/** A CSR back from JSON, checked to be a rows × cols matrix with sorted in-range columns. */
export function unpackCsr(json: unknown, rows: number, cols: number, what: string): Csr {
  const o = (json ?? {}) as Record<string, unknown>;
  if (o.rows !== rows || o.cols !== cols) throw new MlRangeError(`${what}: expected ${rows} × ${cols}, got ${String(o.rows)} × ${String(o.cols)}`);
  const indptr = unpackI32(o.indptr as PackedArray, `${what}.indptr`);
  const indices = unpackI32(o.indices as PackedArray, `${what}.indices`);
  const values = unpackF32(o.values as PackedArray, `${what}.values`);
  if (indptr.length !== rows + 1 || indptr[0] !== 0 || indptr[rows] !== indices.length || values.length !== indices.length) {
    throw new MlRangeError(`${what}: row pointers do not match ${rows} rows of ${indices.length} entries`);
  }
  for (let r = 0; r < rows; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const c = indices[k]!;
      if (c < 0 || c >= cols || (k > indptr[r]! && c <= indices[k - 1]!)) throw new MlRangeError(`${what}: row ${r} has a bad or unsorted column ${c}`);
    }
  }
  return { rows, cols, indptr, indices, values };
}

/** True when `history` is exactly row `user` of `m`, so per-user precomputation still holds. */
export function isTrainingRow(m: Csr, user: number, history: UserHistory): boolean {
  if (!Number.isInteger(user) || user < 0 || user >= m.rows) return false;
  const start = m.indptr[user]!;
  const len = m.indptr[user + 1]! - start;
  if (history.items.length !== len) return false;
  for (let k = 0; k < len; k++) {
    if (history.items[k] !== m.indices[start + k] || history.values[k] !== m.values[start + k]) return false;
  }
  return true;
}

/**
 * The reason "because you have these items": the user's items with the largest positive contributions to a
 * score, at most `max`, largest first (ties to the lower item). Null when nothing contributed positively.
 */
export function becauseItems(items: ArrayLike<number>, contributions: ArrayLike<number>, max = 3): Reason | null {
  // An insertion into a list of at most `max`, not a sort: explain runs for every item recommended.
  const top: number[] = [];
  const isBetter = (a: number, b: number) => contributions[a]! > contributions[b]! || (contributions[a] === contributions[b] && items[a]! < items[b]!);
  for (let k = 0; k < items.length; k++) {
    if (!(contributions[k]! > 0)) continue;
    let at = top.length;
    while (at > 0 && isBetter(k, top[at - 1]!)) at--;
    if (at < max) top.splice(at, 0, k);
    if (top.length > max) top.pop();
  }
  if (top.length === 0) return null;
  return { kind: "because-items", items: top.map((k) => items[k]!), weights: top.map((k) => contributions[k]!) };
}
