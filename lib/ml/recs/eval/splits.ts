// Train/test splits of an interaction log, and what evaluation needs from them: the training data every
// recommender fits on and, per test user, the set of relevant items. Pure: the CLI and the benchmark read
// the files, this only divides rows.
import { createRng, sampleIndices } from "../../random";
import { csrFromTriplets, nnz, type Csr } from "../csr";
import type { InteractionLog, TrainingData } from "../types";
import { MlRangeError } from "../../errors";

/** A log divided in two over one id space (users × items are dense ids shared by both halves). */
export interface Split {
  readonly users: number;
  readonly items: number;
  readonly train: InteractionLog;
  readonly test: InteractionLog;
  /** When the training data is "as of": the cut-off of a time split, else the last training event. */
  readonly asOf: number;
}

/** "all": every test item is relevant. "new-items": items the user already had in training are not. */
export type Relevance = "all" | "new-items";

/** Users with something relevant (ascending) and, for each, its relevant items (sorted, distinct). */
export interface HeldOut {
  readonly users: Int32Array;
  readonly relevant: readonly Int32Array[];
}

export interface EvaluationSet {
  readonly train: TrainingData;
  readonly heldOut: HeldOut;
}

export interface RandomSplitOptions {
  readonly users: number;
  readonly items: number;
  /** Share of each user's distinct items held out (default 0.25). */
  readonly fraction?: number;
  readonly seed?: number;
}

/**
 * Per user, holds out round(fraction × n) of the user's n distinct items (at least 1, at most n − 1),
 * chosen by a seeded shuffle; users with fewer than 2 distinct items keep everything in train. All rows of
 * one (user, item) pair go to the same side, so a held-out item is never also in that user's training row.
 */
export function randomHoldOut(log: InteractionLog, options: RandomSplitOptions): Split {
  const fraction = options.fraction ?? 0.25;
  if (!(fraction > 0 && fraction < 1)) throw new MlRangeError(`fraction must be between 0 and 1, got ${fraction}`);
  checkLog(log, options.users, options.items);
  const rng = createRng(options.seed ?? 42);
  const order = rowsByUserThenItem(log, options.users);
  const isTest = new Uint8Array(log.user.length);
  let at = 0;
  while (at < order.length) {
    const user = log.user[order[at]!]!;
    let end = at;
    const starts: number[] = [];
    while (end < order.length && log.user[order[end]!] === user) {
      if (end === at || log.item[order[end]!] !== log.item[order[end - 1]!]) starts.push(end);
      end++;
    }
    starts.push(end);
    const n = starts.length - 1;
    if (n >= 2) {
      const take = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
      // Partial Fisher–Yates: the first `take` slots of a shuffled list of the user's distinct items.
      const pos = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < take; i++) {
        const j = i + Math.floor(rng.next() * (n - i));
        [pos[i], pos[j]] = [pos[j]!, pos[i]!];
        for (let r = starts[pos[i]!]!; r < starts[pos[i]! + 1]!; r++) isTest[order[r]!] = 1;
      }
    }
    at = end;
  }
  const train = subsetLog(log, isTest, 0);
  return { users: options.users, items: options.items, train, test: subsetLog(log, isTest, 1), asOf: maxTime(train) };
}

/** Train = rows before `cutoff` (epoch ms), test = rows at or after it. */
export function timeSplit(log: InteractionLog, options: { users: number; items: number; cutoff: number }): Split {
  checkLog(log, options.users, options.items);
  if (!Number.isFinite(options.cutoff)) throw new MlRangeError(`cutoff must be a time in epoch ms, got ${options.cutoff}`);
  const isTest = Uint8Array.from(log.time, (t) => (t >= options.cutoff ? 1 : 0));
  return { users: options.users, items: options.items, train: subsetLog(log, isTest, 0), test: subsetLog(log, isTest, 1), asOf: options.cutoff };
}

/** A split from two logs that already share an id space (e.g. a train file and a test file). */
export function givenSplit(train: InteractionLog, test: InteractionLog, users: number, items: number): Split {
  checkLog(train, users, items);
  checkLog(test, users, items);
  return { users, items, train, test, asOf: maxTime(train) };
}

/** The training matrix (users × items, weights summed per pair) with the log beside it for time-aware models. */
export function trainingDataOf(split: Split, extras: Omit<TrainingData, "matrix" | "log" | "asOf"> = {}): TrainingData {
  const { user, item, weight } = split.train;
  return { ...extras, matrix: csrFromTriplets(split.users, split.items, user, item, weight), log: split.train, asOf: split.asOf };
}

/**
 * Each user's distinct test items. Users with no training rows are left out (nothing to recommend from;
 * a time split's newcomers), and with "new-items" so is every item already in the user's training row,
 * dropping users left with none.
 */
export function heldOutOf(split: Split, train: Csr, relevance: Relevance = "all"): HeldOut {
  const perUser = new Map<number, Set<number>>();
  for (let r = 0; r < split.test.user.length; r++) {
    const u = split.test.user[r]!;
    if (train.indptr[u + 1]! === train.indptr[u]!) continue;
    let items = perUser.get(u);
    if (!items) perUser.set(u, (items = new Set()));
    items.add(split.test.item[r]!);
  }
  const users: number[] = [];
  const relevant: Int32Array[] = [];
  for (const u of [...perUser.keys()].sort((a, b) => a - b)) {
    const seen = new Set(train.indices.subarray(train.indptr[u]!, train.indptr[u + 1]!));
    const items = [...perUser.get(u)!].filter((i) => relevance === "all" || !seen.has(i)).sort((a, b) => a - b);
    if (items.length === 0) continue;
    users.push(u);
    relevant.push(Int32Array.from(items));
  }
  return { users: Int32Array.from(users), relevant };
}

/**
 * At most `size` of the held-out customers, a seeded sample kept in ascending order (all of them when there
 * are no more): scoring costs a full ranking per customer, and a validation nDCG over 10,000 customers is
 * already within about ±0.005.
 */
export function sampleHeldOut(heldOut: HeldOut, size: number, seed: number): HeldOut {
  if (!Number.isInteger(size) || size < 1) throw new MlRangeError(`the sample of customers must be a whole number of at least 1, got ${size}`);
  if (heldOut.users.length <= size) return heldOut;
  const picked = sampleIndices(heldOut.users.length, size, seed).sort();
  return { users: Int32Array.from(picked, (i) => heldOut.users[i]!), relevant: Array.from(picked, (i) => heldOut.relevant[i]!) };
}

/** Training data and held-out sets in one step. */
export function evaluationSetOf(split: Split, relevance: Relevance = "all", extras: Omit<TrainingData, "matrix" | "log" | "asOf"> = {}): EvaluationSet {
  const train = trainingDataOf(split, extras);
  return { train, heldOut: heldOutOf(split, train.matrix, relevance) };
}

/** A matrix as a log (time 0), for data that arrives without one. */
export function logOfMatrix(m: Csr): InteractionLog {
  const user = new Int32Array(nnz(m));
  for (let u = 0; u < m.rows; u++) user.fill(u, m.indptr[u]!, m.indptr[u + 1]!);
  return { user, item: m.indices.slice(), time: new Float64Array(user.length), weight: m.values.slice() };
}

function checkLog(log: InteractionLog, users: number, items: number): void {
  const n = log.user.length;
  if (log.item.length !== n || log.time.length !== n || log.weight.length !== n) {
    throw new MlRangeError(`log columns differ in length: user ${n}, item ${log.item.length}, time ${log.time.length}, weight ${log.weight.length}`);
  }
  for (let r = 0; r < n; r++) {
    if (!(log.user[r]! >= 0 && log.user[r]! < users)) throw new MlRangeError(`log row ${r}: user ${log.user[r]} outside 0..${users - 1}`);
    if (!(log.item[r]! >= 0 && log.item[r]! < items)) throw new MlRangeError(`log row ${r}: item ${log.item[r]} outside 0..${items - 1}`);
  }
}

/** Row numbers ordered by user, then item, then original position: a stable order for seeded draws. */
function rowsByUserThenItem(log: InteractionLog, users: number): Int32Array {
  const start = new Int32Array(users + 1);
  for (let r = 0; r < log.user.length; r++) start[log.user[r]! + 1]!++;
  for (let u = 0; u < users; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, users);
  const order = new Int32Array(log.user.length);
  for (let r = 0; r < log.user.length; r++) order[fill[log.user[r]!]!++] = r;
  for (let u = 0; u < users; u++) {
    order.subarray(start[u]!, start[u + 1]!).sort((a, b) => log.item[a]! - log.item[b]! || a - b);
  }
  return order;
}

function subsetLog(log: InteractionLog, mask: Uint8Array, keep: 0 | 1): InteractionLog {
  const rows: number[] = [];
  for (let r = 0; r < mask.length; r++) if (mask[r] === keep) rows.push(r);
  const take = <T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const out = make(rows.length);
    rows.forEach((r, i) => (out[i] = a[r]!));
    return out;
  };
  return {
    user: take(log.user, (n) => new Int32Array(n)),
    item: take(log.item, (n) => new Int32Array(n)),
    time: take(log.time, (n) => new Float64Array(n)),
    weight: take(log.weight, (n) => new Float32Array(n)),
    ...(log.isPurchase ? { isPurchase: take(log.isPurchase, (n) => new Uint8Array(n)) } : {}),
  };
}

function maxTime(log: InteractionLog): number {
  let t = -Infinity;
  for (let r = 0; r < log.time.length; r++) if (log.time[r]! > t) t = log.time[r]!;
  return Number.isFinite(t) ? t : 0;
}

/**
 * Only the purchase rows of a log (all of it when the log does not mark purchases, or marks none): what a
 * shop's evaluation should predict, whatever views and carts the models learn from.
 */
export function keepPurchases(log: InteractionLog): InteractionLog {
  const mark = log.isPurchase;
  if (!mark || !mark.some((v) => v === 1)) return log;
  const rows: number[] = [];
  mark.forEach((v, i) => v === 1 && rows.push(i));
  return {
    user: Int32Array.from(rows, (i) => log.user[i]!),
    item: Int32Array.from(rows, (i) => log.item[i]!),
    time: Float64Array.from(rows, (i) => log.time[i]!),
    weight: Float32Array.from(rows, (i) => log.weight[i]!),
    isPurchase: new Uint8Array(rows.length).fill(1),
  };
}
