// Buy again: re-ranks only what the customer has already bought, by how often and how lately. Each purchase
// counts its weight halved every `halfLifeDays` before the as-of date, so a monthly staple outranks a one-off
// from last year. Items never bought score -Infinity, so with seen items excluded this recommends nothing —
// by design; it is meant for "order again" lists and as one part of the hybrid.
import { checkHeader, pack, unpackF32, unpackF64, unpackI32, type PackedArray } from "../codec";
import { DAY_MS } from "../time";
import { checkPositive, readCount, readNumber } from "./model-support";
import type { InteractionLog, ModelHeader, Reason, Recommender, TrainingData, UserHistory } from "./types";
import { indexOfSorted } from "../sorted";
import { MlRangeError } from "../errors";

export interface BuyAgainOptions {
  /** Days for a purchase to count half as much (default 60). */
  halfLifeDays?: number;
}

/** Per user, like a CSR row: entries indptr[u]..indptr[u + 1] − 1, sorted by item. */
export interface BuyAgainModel extends ModelHeader {
  readonly kind: "buy-again";
  readonly version: 1;
  readonly halfLifeDays: number;
  /** Epoch ms the ages were counted from. */
  readonly asOf: number;
  readonly indptr: Int32Array;
  readonly item: Int32Array;
  readonly score: Float32Array;
  readonly times: Int32Array;
  /** Epoch ms of the last purchase (f64: f32 would round epoch milliseconds to minutes). */
  readonly lastAt: Float64Array;
}


function fit(data: TrainingData, options: BuyAgainOptions = {}): BuyAgainModel {
  const halfLifeDays = checkPositive("halfLifeDays", options.halfLifeDays ?? 60);
  const { log, matrix } = data;
  if (!log) throw new MlRangeError("buy-again: data.log is missing; buy-again needs the dated interaction log");
  const events = purchases(log, matrix.rows, matrix.cols);
  // Without an as-of date, count from the last purchase: the log then reads as if just exported.
  const asOf = data.asOf ?? events.reduce((t, k) => Math.max(t, log.time[k]!), 0);
  const counted = events.filter((k) => log.time[k]! <= asOf);
  counted.sort((a, b) => log.user[a]! - log.user[b]! || log.item[a]! - log.item[b]!);
  return { kind: "buy-again", version: 1, users: matrix.rows, items: matrix.cols, halfLifeDays, asOf, ...aggregate(log, counted, matrix.rows, asOf, halfLifeDays) };
}

/** Indices of the log's purchase rows (every row when the log does not mark purchases), checked against the shape. */
function purchases(log: InteractionLog, users: number, items: number): number[] {
  const n = log.user.length;
  const columns = { item: log.item, time: log.time, weight: log.weight, ...(log.isPurchase && { isPurchase: log.isPurchase }) };
  for (const [name, a] of Object.entries(columns)) {
    if (a.length !== n) throw new MlRangeError(`buy-again: the log has ${n} users but ${a.length} values of ${name}`);
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    if (log.isPurchase && !log.isPurchase[k]) continue;
    const u = log.user[k]!;
    const i = log.item[k]!;
    if (u < 0 || u >= users || i < 0 || i >= items) throw new MlRangeError(`buy-again: log row ${k} has user ${u}, item ${i}, outside the ${users} × ${items} matrix`);
    if (!Number.isFinite(log.time[k]!)) throw new MlRangeError(`buy-again: log row ${k} has time ${log.time[k]}`);
    out.push(k);
  }
  return out;
}

/** Sums each (user, item) run of the sorted events into one entry. Events after asOf were dropped before. */
function aggregate(log: InteractionLog, sorted: readonly number[], users: number, asOf: number, halfLifeDays: number) {
  const indptr = new Int32Array(users + 1);
  const item: number[] = [];
  const score: number[] = [];
  const times: number[] = [];
  const lastAt: number[] = [];
  let prevUser = -1;
  for (const k of sorted) {
    const u = log.user[k]!;
    if (u !== prevUser || log.item[k] !== item[item.length - 1]) {
      item.push(log.item[k]!);
      score.push(0);
      times.push(0);
      lastAt.push(-Infinity);
      indptr[u + 1]!++;
      prevUser = u;
    }
    const e = item.length - 1;
    const ageDays = (asOf - log.time[k]!) / DAY_MS;
    score[e]! += log.weight[k]! * Math.exp((-Math.LN2 * ageDays) / halfLifeDays);
    times[e]!++;
    lastAt[e] = Math.max(lastAt[e]!, log.time[k]!);
  }
  for (let u = 0; u < users; u++) indptr[u + 1]! += indptr[u]!;
  return { indptr, item: Int32Array.from(item), score: Float32Array.from(score), times: Int32Array.from(times), lastAt: Float64Array.from(lastAt) };
}

/**
 * The stored, log-derived scores of the user's own purchases. `history` is not read: a matrix row carries no
 * dates, so a changed or new history cannot be re-dated; a user unseen in training gets nothing (-Infinity).
 */
function score(model: BuyAgainModel, user: number, _history: UserHistory, out: Float32Array): void {
  out.fill(-Infinity);
  if (!(user >= 0 && user < model.users)) return;
  for (let e = model.indptr[user]!; e < model.indptr[user + 1]!; e++) out[model.item[e]!] = model.score[e]!;
}

function explain(model: BuyAgainModel, user: number, _history: UserHistory, item: number): Reason | null {
  if (!(user >= 0 && user < model.users)) return null;
  const at = indexOfSorted(model.item, item, model.indptr[user]!, model.indptr[user + 1]!);
  return at < 0 ? null : { kind: "buy-again", times: model.times[at]!, lastAt: model.lastAt[at]! };
}

function toJSON(model: BuyAgainModel): unknown {
  const { indptr, item, score: s, times, lastAt, ...rest } = model;
  return { ...rest, indptr: pack(indptr), item: pack(item), score: pack(s), times: pack(times), lastAt: pack(lastAt) };
}

function fromJSON(json: unknown): BuyAgainModel {
  const o = checkHeader(json, "buy-again", 1);
  const [users, items] = [readCount(o, "users", "buy-again"), readCount(o, "items", "buy-again")];
  const halfLifeDays = checkPositive("halfLifeDays", readNumber(o, "halfLifeDays", "buy-again"));
  const asOf = readNumber(o, "asOf", "buy-again");
  const indptr = unpackI32(o.indptr as PackedArray, "buy-again.indptr");
  if (indptr.length !== users + 1) throw new MlRangeError(`buy-again model: indptr holds ${indptr.length} values for ${users} users`);
  const entries = indptr[users]!;
  const item = unpackI32(o.item as PackedArray, "buy-again.item");
  const s = unpackF32(o.score as PackedArray, "buy-again.score");
  const times = unpackI32(o.times as PackedArray, "buy-again.times");
  const lastAt = unpackF64(o.lastAt as PackedArray, "buy-again.lastAt");
  for (const [a, what] of [[item, "item"], [s, "score"], [times, "times"], [lastAt, "lastAt"]] as const) {
    if (a.length !== entries) throw new MlRangeError(`buy-again model: ${what} holds ${a.length} values, expected ${entries}`);
  }
  if (item.some((i) => i < 0 || i >= items)) throw new MlRangeError(`buy-again model: an item lies outside 0..${items - 1}`);
  return { kind: "buy-again", version: 1, users, items, halfLifeDays, asOf, indptr, item, score: s, times, lastAt };
}

export const buyAgain: Recommender<BuyAgainModel, BuyAgainOptions> = {
  name: "buy-again",
  summary: "Buy again: the customer's own past purchases, ranked by how often and how recently they bought them.",
  fit,
  score,
  explain,
  toJSON,
  fromJSON,
};
