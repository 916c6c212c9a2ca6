// Popularity baselines: rank items by how many distinct customers have them, over everyone (`popularity`),
// over a recent window of the interaction log (`trending`), or within the customer's own segment
// (`segment-popularity`). They are the floor every personalised model must beat in evaluation, and the
// fallback for customers with no history at all. Counts are of distinct users, so one heavy buyer cannot
// make an item "popular".
import { checkHeader, pack, unpackI32, type PackedArray } from "../codec";
import { DAY_MS } from "../time";
import type { Csr } from "./csr";
import { checkPositive, readCount, readNumber } from "./model-support";
import type { InteractionLog, ModelHeader, Reason, Recommender, TrainingData } from "./types";
import { MlRangeError } from "../errors";


export type PopularityOptions = Record<string, never>;
export type SegmentPopularityOptions = Record<string, never>;
export interface TrendingOptions {
  /** Days back from `data.asOf` whose interactions count (default 30). */
  readonly windowDays?: number;
}

export interface PopularityModel extends ModelHeader {
  readonly kind: "popularity";
  /** Per item: distinct users with a non-zero entry in the training matrix. */
  readonly counts: Int32Array;
}

export interface TrendingModel extends ModelHeader {
  readonly kind: "trending";
  readonly windowDays: number;
  readonly asOf: number;
  /** Per item: distinct users in the log within (asOf − windowDays, asOf]. */
  readonly counts: Int32Array;
}

export interface SegmentPopularityModel extends ModelHeader {
  readonly kind: "segment-popularity";
  readonly segmentNames: readonly string[];
  /** Per training user: segment index, or -1. */
  readonly userSegment: Int32Array;
  /** segments × items, row-major: distinct users of that segment per item. */
  readonly segmentCounts: Int32Array;
  /** Per item over all users, for users without a segment. */
  readonly counts: Int32Array;
}

/** Distinct users per item: non-zero entries per column (rows hold each item at most once). */
export function countUsersPerItem(matrix: Csr, rowOffset: (user: number) => number = () => 0, blocks = 1): Int32Array {
  const counts = new Int32Array(blocks * matrix.cols);
  for (let u = 0; u < matrix.rows; u++) {
    const offset = rowOffset(u);
    if (offset < 0) continue;
    for (let k = matrix.indptr[u]!; k < matrix.indptr[u + 1]!; k++) if (matrix.values[k] !== 0) counts[offset + matrix.indices[k]!]!++;
  }
  return counts;
}

/** Distinct users per item among log rows with time in (from, to]. */
export function countRecentUsers(log: InteractionLog, users: number, items: number, from: number, to: number): Int32Array {
  const n = log.user.length;
  if (log.item.length !== n || log.time.length !== n) throw new MlRangeError(`trending: the log has ${n} users, ${log.item.length} items and ${log.time.length} times; they must match`);
  const keys: number[] = [];
  for (let r = 0; r < n; r++) {
    const u = log.user[r]!;
    const i = log.item[r]!;
    if (!(u >= 0 && u < users && i >= 0 && i < items)) throw new MlRangeError(`trending: log row ${r} has user ${u} and item ${i}, outside ${users} users × ${items} items`);
    if (log.time[r]! > from && log.time[r]! <= to) keys.push(i * users + u);
  }
  // Sorted (item, user) keys: each run of one key is one distinct user of that item.
  const sorted = Float64Array.from(keys).sort();
  const counts = new Int32Array(items);
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) counts[Math.floor(sorted[k]! / users)]!++;
  return counts;
}

function copyCounts(counts: Int32Array, offset: number, out: Float32Array): void {
  for (let j = 0; j < out.length; j++) out[j] = counts[offset + j]!;
}

function readCounts(o: Record<string, unknown>, field: string, length: number, kind: string): Int32Array {
  const counts = unpackI32(o[field] as PackedArray, `${kind}.${field}`);
  if (counts.length !== length) throw new MlRangeError(`${kind} model: ${field} holds ${counts.length} values, expected ${length}`);
  return counts;
}

export const popularity: Recommender<PopularityModel, PopularityOptions> = {
  name: "popularity",
  summary: "The items most customers have.",
  fit: (data) => ({ kind: "popularity", version: 1, users: data.matrix.rows, items: data.matrix.cols, counts: countUsersPerItem(data.matrix) }),
  score: (model, _user, _history, out) => copyCounts(model.counts, 0, out),
  explain: (model, _user, _history, item) => ({ kind: "popular", scope: "global", customers: model.counts[item]! }),
  toJSON: ({ kind, version, users, items, counts }) => ({ kind, version, users, items, counts: pack(counts) }),
  fromJSON(json) {
    const o = checkHeader(json, "popularity", 1);
    const items = readCount(o, "items", "popularity");
    return { kind: "popularity", version: 1, users: readCount(o, "users", "popularity"), items, counts: readCounts(o, "counts", items, "popularity") };
  },
};

function fitTrending(data: TrainingData, options: TrendingOptions = {}): TrendingModel {
  const windowDays = checkPositive("windowDays", options.windowDays ?? 30);
  const { log, asOf } = data;
  if (!log || asOf === undefined) throw new MlRangeError(`trending needs the interaction log and asOf in the training data; got ${log ? "a log" : "no log"} and asOf ${String(asOf)}`);
  const { rows: users, cols: items } = data.matrix;
  const counts = countRecentUsers(log, users, items, asOf - windowDays * DAY_MS, asOf);
  return { kind: "trending", version: 1, users, items, windowDays, asOf, counts };
}

export const trending: Recommender<TrendingModel, TrendingOptions> = {
  name: "trending",
  summary: "The items most customers took up in the last few weeks.",
  fit: fitTrending,
  score: (model, _user, _history, out) => copyCounts(model.counts, 0, out),
  explain: (model, _user, _history, item) => ({ kind: "popular", scope: "trending", windowDays: model.windowDays, customers: model.counts[item]! }),
  toJSON: ({ kind, version, users, items, windowDays, asOf, counts }) => ({ kind, version, users, items, windowDays, asOf, counts: pack(counts) }),
  fromJSON(json) {
    const o = checkHeader(json, "trending", 1);
    const items = readCount(o, "items", "trending");
    const [windowDays, asOf] = [readNumber(o, "windowDays", "trending"), readNumber(o, "asOf", "trending")];
    return { kind: "trending", version: 1, users: readCount(o, "users", "trending"), items, windowDays, asOf, counts: readCounts(o, "counts", items, "trending") };
  },
};

function fitSegmentPopularity(data: TrainingData): SegmentPopularityModel {
  const { userSegment, segmentNames } = data;
  const { rows: users, cols: items } = data.matrix;
  if (!userSegment || !segmentNames) throw new MlRangeError("segment-popularity needs userSegment and segmentNames in the training data");
  if (userSegment.length !== users) throw new MlRangeError(`segment-popularity: userSegment covers ${userSegment.length} users, the matrix has ${users}`);
  userSegment.forEach((s, u) => {
    if (!Number.isInteger(s) || s < -1 || s >= segmentNames.length) throw new MlRangeError(`segment-popularity: user ${u} has segment ${s}, outside -1..${segmentNames.length - 1}`);
  });
  const segmentCounts = countUsersPerItem(data.matrix, (u) => userSegment[u]! * items, segmentNames.length);
  return { kind: "segment-popularity", version: 1, users, items, segmentNames: [...segmentNames], userSegment, segmentCounts, counts: countUsersPerItem(data.matrix) };
}

/** The user's segment, or -1 for users outside training or without one (they get the global counts). */
function segmentOf(model: SegmentPopularityModel, user: number): number {
  return Number.isInteger(user) && user >= 0 && user < model.users ? model.userSegment[user]! : -1;
}

function explainSegment(model: SegmentPopularityModel, user: number, item: number): Reason {
  const s = segmentOf(model, user);
  if (s < 0) return { kind: "popular", scope: "global", customers: model.counts[item]! };
  return { kind: "popular", scope: "segment", segment: model.segmentNames[s]!, customers: model.segmentCounts[s * model.items + item]! };
}

function segmentFromJSON(json: unknown): SegmentPopularityModel {
  const kind = "segment-popularity";
  const o = checkHeader(json, kind, 1);
  const [users, items] = [readCount(o, "users", kind), readCount(o, "items", kind)];
  const names = o.segmentNames;
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) throw new MlRangeError(`${kind} model: segmentNames must be a list of names`);
  const userSegment = readCounts(o, "userSegment", users, kind);
  if (userSegment.some((s) => s < -1 || s >= names.length)) throw new MlRangeError(`${kind} model: a user segment lies outside -1..${names.length - 1}`);
  return { kind, version: 1, users, items, segmentNames: names, userSegment, segmentCounts: readCounts(o, "segmentCounts", names.length * items, kind), counts: readCounts(o, "counts", items, kind) };
}

export const segmentPopularity: Recommender<SegmentPopularityModel, SegmentPopularityOptions> = {
  name: "segment-popularity",
  summary: "The items most customers in the same segment have.",
  fit: fitSegmentPopularity,
  score(model, user, _history, out) {
    const s = segmentOf(model, user);
    copyCounts(s < 0 ? model.counts : model.segmentCounts, s < 0 ? 0 : s * model.items, out);
  },
  explain: (model, user, _history, item) => explainSegment(model, user, item),
  toJSON: (m) => ({ ...m, userSegment: pack(m.userSegment), segmentCounts: pack(m.segmentCounts), counts: pack(m.counts) }),
  fromJSON: segmentFromJSON,
};
