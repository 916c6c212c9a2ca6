// The user × item matrix from raw events: each event type weighs what it says about taste (a purchase more
// than a view), ratings count as given or as "liked" above a threshold, and an optional half-life lets old
// events fade. Rows arrive as dense indices; the service owns the map from database ids.
import { DAY_MS } from "../time";
import { csrFromTriplets } from "./csr";
import type { InteractionLog, TrainingData } from "./types";
import { MlRangeError } from "../errors";

export interface EventRows {
  user: Int32Array;
  item: Int32Array;
  /** Index into `types`. */
  type: Uint8Array;
  /** Epoch milliseconds. */
  time: Float64Array;
  /** The event's rating, NaN when it has none. */
  rating: Float32Array;
  types: readonly string[];
}

export interface InteractionOptions {
  /** Weight per event type; types not listed are ignored. */
  weights: Readonly<Record<string, number>>;
  /** "as-given" uses the rating as the weight of rating events; "binary" counts ratings ≥ threshold as 1, others 0. */
  ratings?: "as-given" | "binary";
  ratingThreshold?: number;
  /** Events lose half their weight every this many days before `asOf`; none when not given. */
  halfLifeDays?: number;
  asOf?: number;
}

export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = { purchase: 5, add_to_cart: 3, click: 1, view: 0.5, rating: 1 };


/** Which event types count as purchases for buy-again and "already bought" exclusions. */
const PURCHASE_TYPES = new Set(["purchase"]);

export function buildInteractions(rows: EventRows, users: number, items: number, options: InteractionOptions): Pick<TrainingData, "matrix" | "log"> {
  const { weights } = options;
  for (const [type, w] of Object.entries(weights)) if (!Number.isFinite(w) || w < 0) throw new MlRangeError(`the weight of "${type}" must be a number ≥ 0, got ${w}`);
  if (options.halfLifeDays !== undefined && !(options.halfLifeDays > 0)) throw new MlRangeError(`halfLifeDays must be more than 0, got ${options.halfLifeDays}`);
  const asOf = options.asOf ?? maxTime(rows.time);
  const typeWeight = Float64Array.from(rows.types, (t) => weights[t] ?? 0);
  const isRating = Uint8Array.from(rows.types, (t) => (t === "rating" ? 1 : 0));
  const isPurchaseType = Uint8Array.from(rows.types, (t) => (PURCHASE_TYPES.has(t) ? 1 : 0));
  const threshold = options.ratingThreshold ?? 4;
  const decay = options.halfLifeDays ? Math.LN2 / (options.halfLifeDays * DAY_MS) : 0;
  const n = rows.user.length;
  const keep: number[] = [];
  const weight = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = rows.type[i]!;
    let w = typeWeight[t]!;
    if (isRating[t] && !Number.isNaN(rows.rating[i]!)) {
      const r = rows.rating[i]!;
      w = options.ratings === "binary" ? (r >= threshold ? w : 0) : w * r;
    }
    if (decay && rows.time[i]! < asOf) w *= Math.exp(-decay * (asOf - rows.time[i]!));
    if (w > 0) {
      weight[i] = w;
      keep.push(i);
    }
  }
  const pick = <A extends Int32Array | Float64Array | Float32Array>(a: A, make: (len: number) => A) => {
    const out = make(keep.length);
    keep.forEach((i, k) => (out[k] = a[i]!));
    return out;
  };
  const log: InteractionLog = {
    user: pick(rows.user, (l) => new Int32Array(l)),
    item: pick(rows.item, (l) => new Int32Array(l)),
    time: pick(rows.time, (l) => new Float64Array(l)),
    weight: pick(weight, (l) => new Float32Array(l)),
    isPurchase: Uint8Array.from(keep, (i) => isPurchaseType[rows.type[i]!]!),
  };
  return { matrix: csrFromTriplets(users, items, log.user, log.item, log.weight), log };
}

function maxTime(t: Float64Array): number {
  let m = -Infinity;
  for (const v of t) if (v > m) m = v;
  return Number.isFinite(m) ? m : 0;
}
