// Cosine neighbourhoods over a sparse matrix, shared by item-kNN (similar item columns) and user-kNN
// (similar user rows). One row of the Gram matrix at a time goes into a dense accumulator: walking a row's
// entries and, for each, the matching row of the other orientation touches only pairs that co-occur, so the
// work is Σ (row length)² rather than rows². Only touched slots are read back and cleared.
import type { Csr } from "./csr";
import { MlRangeError } from "../errors";

export interface Accumulator {
  readonly sums: Float64Array;
  readonly isTouched: Uint8Array;
  readonly touched: Int32Array;
  count: number;
  /** drainCosine's output: `found` similarities, ascending by id. */
  readonly ids: Int32Array;
  readonly sims: Float64Array;
  found: number;
  /** Room for selection to reorder similarities without disturbing `sims`. */
  readonly scratch: Float64Array;
}

export function createAccumulator(size: number): Accumulator {
  const ids = new Int32Array(size);
  return { sums: new Float64Array(size), isTouched: new Uint8Array(size), touched: new Int32Array(size), count: 0, ids, sims: new Float64Array(size), found: 0, scratch: new Float64Array(size) };
}

/** sums[c] += Σ_k vals[k] · other[ids[k], c]: one row of (sparse vector) × `other`. */
export function accumulate(acc: Accumulator, ids: ArrayLike<number>, vals: ArrayLike<number>, other: Csr): void {
  const { sums, isTouched, touched } = acc;
  const { indptr, indices, values } = other;
  let count = acc.count;
  for (let k = 0; k < ids.length; k++) {
    const row = ids[k]!;
    const v = vals[k]!;
    const end = indptr[row + 1]!;
    for (let e = indptr[row]!; e < end; e++) {
      const c = indices[e]!;
      sums[c]! += v * values[e]!;
      if (isTouched[c] === 0) {
        isTouched[c] = 1;
        touched[count++] = c;
      }
    }
  }
  acc.count = count;
}

/** √(Σ value²) of each row. */
export function rowNorms(m: Csr): Float64Array {
  const norms = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) norms[r] = normOf(m.values.subarray(m.indptr[r]!, m.indptr[r + 1]!));
  return norms;
}

export function normOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]! * values[k]!;
  return Math.sqrt(s);
}

/**
 * Reads the accumulator as cosine similarities sums[c] / (selfNorm · norms[c] + shrinkage) into acc.ids and
 * acc.sims (ascending id), skipping `skip` and exact zeros (which also covers 0/0 for empty rows), and
 * clears the sums for the next row.
 */
export function drainCosine(acc: Accumulator, norms: Float64Array, selfNorm: number, shrinkage: number, skip: number): void {
  const { sums, isTouched, ids, sims } = acc;
  // Sorting the touched ids costs more than walking the whole row once more than a few percent are touched.
  const order = acc.count * 16 < sums.length ? acc.touched.subarray(0, acc.count).sort() : null;
  const end = order ? order.length : sums.length;
  let found = 0;
  for (let t = 0; t < end; t++) {
    const c = order ? order[t]! : t;
    if (isTouched[c] === 0) continue;
    const dot = sums[c]!;
    sums[c] = 0;
    isTouched[c] = 0;
    if (c === skip || dot === 0) continue;
    ids[found] = c;
    sims[found++] = dot / (selfNorm * norms[c]! + shrinkage);
  }
  acc.count = 0;
  acc.found = found;
}

/** The value at rank k (0 = largest) of a[0..n), reordering a (Hoare quickselect). */
function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return pivot;
  }
  return a[k]!;
}

/** To keep the `want` largest of the sims with this sign: keep all above `cut`, and the first `ties` equal to it. */
function cutFor(acc: Accumulator, positive: boolean, want: number): { cut: number; ties: number } {
  if (want <= 0) return { cut: positive ? Infinity : 0, ties: 0 };
  let n = 0;
  for (let f = 0; f < acc.found; f++) if (positive ? acc.sims[f]! > 0 : acc.sims[f]! < 0) acc.scratch[n++] = acc.sims[f]!;
  if (n <= want) return { cut: positive ? 0 : -Infinity, ties: 0 };
  const cut = kthLargest(acc.scratch, n, want - 1);
  let above = 0;
  for (let f = 0; f < n; f++) if (acc.scratch[f]! > cut) above++;
  return { cut, ties: want - above };
}

/**
 * From the drained row, the k largest similarities of a full row whose other entries are all zero (`zeros`
 * of them), ties to the lower id, appended in ascending id order, the zeros left out (they add nothing to a
 * score). Negatives rank below those zeros, so they are kept only when positives and zeros cannot fill k;
 * pass zeros = Infinity to keep positive similarities only.
 */
export function keepLargest(acc: Accumulator, k: number, zeros: number, out: CsrBuilder): void {
  let positives = 0;
  for (let f = 0; f < acc.found; f++) if (acc.sims[f]! > 0) positives++;
  const pos = cutFor(acc, true, k);
  const neg = cutFor(acc, false, k - Math.min(k, positives) - zeros);
  let posTies = pos.ties;
  let negTies = neg.ties;
  for (let f = 0; f < acc.found; f++) {
    const s = acc.sims[f]!;
    const keep = s > 0 ? s > pos.cut || (s === pos.cut && posTies-- > 0) : s > neg.cut || (s === neg.cut && negTies-- > 0);
    if (keep) out.add(acc.ids[f]!, s);
  }
  out.endRow();
}

/** Room for the k best candidates of one row: a heap whose root is the worst kept. */
export interface NearestHeap {
  readonly ids: Int32Array;
  readonly sims: Float64Array;
}

export function createNearestHeap(k: number): NearestHeap {
  return { ids: new Int32Array(k), sims: new Float64Array(k) };
}

/** Candidate a ranks below b: a smaller similarity, or an equal one and a larger id. */
function below(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/**
 * drainCosine then keepLargest(…, zeros = Infinity) in one pass: the k largest positive cosines (never
 * `skip`), ties to the lower id, appended in ascending id order, and the accumulator cleared. For rows that
 * touch much of a large matrix (user-kNN at 100,000 customers touches tens of thousands of them per customer)
 * this skips keepLargest's copies and selection over everything found: most candidates fall below the
 * heap's worst at one comparison.
 */
export function keepNearest(acc: Accumulator, norms: Float64Array, selfNorm: number, shrinkage: number, skip: number, k: number, heap: NearestHeap, out: CsrBuilder): void {
  const { sums, isTouched, touched } = acc;
  const { ids, sims } = heap;
  if (k > ids.length) throw new MlRangeError(`keepNearest: a heap of ${ids.length} cannot keep ${k}`);
  const room = k;
  let size = 0;
  for (let t = 0; t < acc.count; t++) {
    const c = touched[t]!;
    const dot = sums[c]!;
    sums[c] = 0;
    isTouched[c] = 0;
    if (c === skip || dot === 0) continue;
    const s = dot / (selfNorm * norms[c]! + shrinkage);
    if (!(s > 0)) continue;
    let i: number;
    if (size < room) {
      // Sift up from the new leaf: worse candidates rise to the root.
      i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!below(s, c, sims[p]!, ids[p]!)) break;
        ids[i] = ids[p]!;
        sims[i] = sims[p]!;
        i = p;
      }
    } else {
      if (room === 0 || !below(sims[0]!, ids[0]!, s, c)) continue;
      // Replace the worst kept and sift down.
      i = 0;
      for (;;) {
        let w = 2 * i + 1;
        if (w >= size) break;
        if (w + 1 < size && below(sims[w + 1]!, ids[w + 1]!, sims[w]!, ids[w]!)) w++;
        if (!below(sims[w]!, ids[w]!, s, c)) break;
        ids[i] = ids[w]!;
        sims[i] = sims[w]!;
        i = w;
      }
    }
    ids[i] = c;
    sims[i] = s;
  }
  acc.count = 0;
  acc.found = 0;
  // Ascending id order for the CSR row: an insertion sort of at most k entries.
  for (let a = 1; a < size; a++) {
    const id = ids[a]!;
    const sim = sims[a]!;
    let b = a - 1;
    for (; b >= 0 && ids[b]! > id; b--) {
      ids[b + 1] = ids[b]!;
      sims[b + 1] = sims[b]!;
    }
    ids[b + 1] = id;
    sims[b + 1] = sim;
  }
  for (let a = 0; a < size; a++) out.add(ids[a]!, sims[a]!);
  out.endRow();
}

/** Per-row lists of (column, value), in order, as one CSR. */
export class CsrBuilder {
  private readonly indptr: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  add(id: number, value: number): void {
    this.indices.push(id);
    this.values.push(value);
  }

  endRow(): void {
    this.indptr.push(this.indices.length);
  }

  build(cols: number): Csr {
    return { rows: this.indptr.length - 1, cols, indptr: Int32Array.from(this.indptr), indices: Int32Array.from(this.indices), values: Float32Array.from(this.values) };
  }
}
