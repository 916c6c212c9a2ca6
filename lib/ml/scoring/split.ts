// Seeded train/test splits for scoring. Stratified random keeps the positive rate the same on both sides
// (as scikit-learn's train_test_split(stratify=y)), which matters when clicks are 2% of rows; the time split
// tests on the latest rows, the honest check for a model that will score tomorrow's audience.
import { MlRangeError } from "../errors";
import { createRng, type Rng } from "../random";

export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

function checkShare(testShare: number, what = "test share"): void {
  if (!(testShare > 0 && testShare < 1)) throw new MlRangeError(`${what} must be between 0 and 1, got ${testShare}`);
}

function shuffleInPlace(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

/** Each class shuffled and cut at the same share; both sides sorted, so rows keep their file order. */
export function stratifiedSplit(label: Uint8Array, testShare: number, seed: number | Rng, what = "test share"): Split {
  checkShare(testShare, what);
  const rng = typeof seed === "number" ? createRng(seed) : seed;
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    label.forEach((y, i) => y === cls && rows.push(i));
    shuffleInPlace(rows, rng);
    const cut = Math.round(rows.length * testShare);
    // A loop, not push(...rows): spreading hundreds of thousands of rows overflows the call stack.
    rows.forEach((r, k) => (k < cut ? test : train).push(r));
  }
  if (train.length === 0 || test.length === 0) throw new MlRangeError(`a ${what} of ${testShare} leaves one side empty with ${label.length} rows`);
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

/** The latest `testShare` of rows by `time` (file order when null; ties keep file order) are the test. */
export function timeSplit(rows: number, testShare: number, time: Float64Array | null): Split {
  checkShare(testShare);
  const order = Array.from({ length: rows }, (_, i) => i);
  if (time) {
    const t = (i: number) => (Number.isNaN(time[i]!) ? -Infinity : time[i]!);
    order.sort((a, b) => t(a) - t(b) || a - b);
  }
  const cut = rows - Math.round(rows * testShare);
  if (cut <= 0 || cut >= rows) throw new MlRangeError(`a test share of ${testShare} leaves one side empty with ${rows} rows`);
  return { train: Int32Array.from(order.slice(0, cut)), test: Int32Array.from(order.slice(cut)) };
}

/** The fold (0..folds-1) of every row: each class shuffled and dealt round-robin, positives first and the
 * negatives continuing where they stopped, so every fold keeps the class mix and sizes differ by at most one. */
export function stratifiedFolds(label: Uint8Array, folds: number, seed: number | Rng): Int32Array {
  if (!Number.isInteger(folds) || folds < 2) throw new MlRangeError(`folds must be a whole number of at least 2, got ${folds}`);
  const rng = typeof seed === "number" ? createRng(seed) : seed;
  const out = new Int32Array(label.length);
  let dealt = 0;
  for (const cls of [1, 0]) {
    const rows: number[] = [];
    label.forEach((y, i) => y === cls && rows.push(i));
    if (rows.length < folds) throw new MlRangeError(`${folds} folds need at least ${folds} rows of each class; class ${cls} has ${rows.length}`);
    shuffleInPlace(rows, rng);
    for (const r of rows) out[r] = dealt++ % folds;
  }
  return out;
}

/** The rows of 0..n-1 not in the sorted `index`. */
export function complementOf(n: number, index: Int32Array): Int32Array {
  const inIndex = new Uint8Array(n);
  index.forEach((i) => (inIndex[i] = 1));
  const out = new Int32Array(n - index.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!inIndex[i]) out[k++] = i;
  return out;
}
