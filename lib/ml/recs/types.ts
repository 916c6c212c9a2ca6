// The one shape every recommender takes, so the evaluation, the contract tests, the service and the API
// treat them alike. Each algorithm lives in its own file and exports a `Recommender`; `fit` returns a
// plain model (with `kind` and `version`, serialised through toJSON/fromJSON), `score` fills a dense score vector for one
// user, and `explain` says, from the model itself, why an item is there.
import type { Csr } from "./csr";

export type AlgorithmName = "popularity" | "trending" | "segment-popularity" | "item-knn" | "user-knn" | "content" | "als" | "ease" | "buy-again" | "hybrid";

/** Everything an algorithm may learn from. Only `matrix` is always present. */
export interface TrainingData {
  /** Users × items, weighted interaction strength (already combined per event type, decayed if asked). */
  readonly matrix: Csr;
  /** The raw interaction log behind the matrix, for time-aware models (buy-again, trending). */
  readonly log?: InteractionLog;
  /** Per item: name, description and category text for content-based scoring. */
  readonly itemText?: readonly string[];
  /** Per item: category label or null; used in reasons and exclusions. */
  readonly itemCategory?: readonly (string | null)[];
  /** Per user: segment index, or -1 when the user has none. */
  readonly userSegment?: Int32Array;
  /** Segment names, indexed by userSegment values. */
  readonly segmentNames?: readonly string[];
  /** Per user: profile tokens from their attributes ("country: Italy", "age: 30–39"); see ./profile.ts. */
  readonly userAttributes?: readonly (readonly string[])[];
  /** Epoch ms the model is trained "as of" (recency and trending windows count back from here). */
  readonly asOf?: number;
}

export interface InteractionLog {
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Epoch milliseconds. */
  readonly time: Float64Array;
  readonly weight: Float32Array;
  /** Optional event kind per row (e.g. 1 = purchase), when a model counts only some kinds. */
  readonly isPurchase?: Uint8Array;
}

/** Why an item was recommended, derived from the model that ranked it. Item and user ids are dense. */
export type Reason =
  | { readonly kind: "because-items"; readonly items: readonly number[]; readonly weights: readonly number[] }
  | { readonly kind: "similar-customers"; readonly customers: number; readonly neighbours: number }
  | { readonly kind: "content"; readonly item: number | null; readonly keywords: readonly string[] }
  | { readonly kind: "popular"; readonly scope: "global" | "segment" | "trending"; readonly segment?: string; readonly windowDays?: number; readonly customers: number }
  | { readonly kind: "buy-again"; readonly times: number; readonly lastAt: number }
  | { readonly kind: "similar-profile"; readonly attributes: readonly string[]; readonly customers: number }
  | { readonly kind: "blend"; readonly parts: readonly { readonly algorithm: AlgorithmName; readonly share: number; readonly reason: Reason | null }[] }
  | { readonly kind: "fallback"; readonly why: string; readonly reason: Reason | null };

export interface ModelHeader {
  readonly kind: AlgorithmName;
  readonly version: number;
  readonly users: number;
  readonly items: number;
}

export interface Recommender<M extends ModelHeader = ModelHeader, O = unknown> {
  readonly name: AlgorithmName;
  /** One line for the UI: what this algorithm does. */
  readonly summary: string;
  fit(data: TrainingData, options?: O): M;
  /**
   * Writes one score per item into `out` (length = items) for `user`. Items the model cannot score are
   * -Infinity. `history` is the user's row of the training matrix (or a new one, for users unseen in training).
   */
  score(model: M, user: number, history: UserHistory, out: Float32Array): void;
  /** Why `item` scored what it did for `user`; null if the model has nothing to say. */
  explain(model: M, user: number, history: UserHistory, item: number): Reason | null;
  /** A JSON-safe copy of the model (typed arrays packed with ./codec). */
  toJSON(model: M): unknown;
  /** The model back from `toJSON`'s output; throws a RangeError naming what does not match. */
  fromJSON(json: unknown): M;
}

/** A user's interactions as sorted item indices and their weights (a CSR row), and what else is known. */
export interface UserHistory {
  readonly items: Int32Array;
  readonly values: Float32Array;
  /** Profile tokens from the customer's attributes, for customers with no interactions (./profile.ts). */
  readonly attributes?: readonly string[];
}

export interface RecommendOptions {
  readonly n: number;
  /** Skip items the user already has (default true). */
  readonly excludeSeen?: boolean;
  /** Non-zero = never return this item (inactive products, given ids, categories, price range). */
  readonly exclude?: Uint8Array;
  /** Attach a reason to each item (default true). */
  readonly withReasons?: boolean;
}

export interface Recommendations {
  readonly items: Int32Array;
  readonly scores: Float32Array;
  readonly reasons: readonly (Reason | null)[];
}
