// A blend of other recommenders, with weights tuned on a validation split (see eval/tune.ts). Each part's
// scores are scaled per customer to 0..1 by its best finite score, so a part's weight means the same for
// every customer whatever its score units; items a part cannot score add nothing from it. Customers with
// no history fall back, visibly, to their segment's best sellers (or the shop's), and products nobody has
// bought yet can still come from the content part, which scores by text. A customer with no history but
// known attributes gets what customers with the same profile chose (./profile.ts) before best sellers.
import { als } from "./als";
import { buyAgain } from "./buy-again";
import { checkHeader } from "../codec";
import { content } from "./content";
import { ease } from "./ease";
import { itemKnn } from "./item-knn";
import { checkNonNegative } from "./model-support";
import { popularity, segmentPopularity } from "./popularity";
import { canScoreProfile, explainProfile, fitProfile, profileFromJSON, type ProfileModel, profileToJSON, scoreProfile } from "./profile";
import type { AlgorithmName, ModelHeader, Reason, Recommender, TrainingData, UserHistory } from "./types";
import { userKnn } from "./user-knn";
import { MlRangeError } from "../errors";

const PARTS = { "item-knn": itemKnn, "user-knn": userKnn, ease, als, content, "buy-again": buyAgain, popularity, "segment-popularity": segmentPopularity } as const;
export type HybridPartName = keyof typeof PARTS;

export interface HybridOptions {
  /** Weight per part; parts left out or weighted 0 are not fitted. */
  weights?: Partial<Record<HybridPartName, number>>;
  /** Options passed to each part's fit. */
  partOptions?: Partial<Record<HybridPartName, unknown>>;
}

export const DEFAULT_HYBRID_WEIGHTS: Partial<Record<HybridPartName, number>> = { "buy-again": 1, "item-knn": 1, content: 0.2, popularity: 0.1 };

export interface HybridModel extends ModelHeader {
  readonly kind: "hybrid";
  readonly version: 1;
  readonly weights: Partial<Record<HybridPartName, number>>;
  readonly parts: readonly { readonly name: HybridPartName; readonly model: ModelHeader }[];
  /** Used for customers with no history: segment best sellers when segments were given, else the shop's. */
  readonly fallback: ModelHeader;
  /** Preferred over `fallback` for a customer with no history whose profile attributes are known. */
  readonly profile?: ProfileModel;
}

const part = (name: HybridPartName) => PARTS[name] as unknown as Recommender<ModelHeader, unknown>;

function checkWeights(weights: Partial<Record<string, number>>): [HybridPartName, number][] {
  const out: [HybridPartName, number][] = [];
  for (const [name, w] of Object.entries(weights)) {
    if (!(name in PARTS)) throw new MlRangeError(`hybrid: unknown part "${name}"; parts are ${Object.keys(PARTS).join(", ")}`);
    if (checkNonNegative(`the weight of ${name}`, w ?? 0) > 0) out.push([name as HybridPartName, w!]);
  }
  if (out.length === 0) throw new MlRangeError("hybrid: give at least one part a weight above 0");
  return out;
}

/** Scales the finite scores in `s` to 0..1 by the largest; everything else becomes 0. */
function scaleInPlace(s: Float32Array): void {
  let max = 0;
  for (const v of s) if (v > max && v < Infinity) max = v;
  for (let i = 0; i < s.length; i++) s[i] = max > 0 && s[i]! > 0 && s[i]! < Infinity ? s[i]! / max : 0;
}

// Scratch buffers per model, so scoring many customers allocates nothing.
const scratch = new WeakMap<HybridModel, Float32Array>();

function partScores(model: HybridModel, p: HybridModel["parts"][number], user: number, history: UserHistory): Float32Array {
  let buf = scratch.get(model);
  if (!buf) scratch.set(model, (buf = new Float32Array(model.items)));
  buf.fill(-Infinity);
  part(p.name).score(p.model, user, history, buf);
  scaleInPlace(buf);
  return buf;
}

const isCold = (history: UserHistory) => history.items.length === 0;

export const hybrid: Recommender<HybridModel, HybridOptions> = {
  name: "hybrid",
  summary: "A tuned blend of the other models, falling back to best sellers for customers with no history.",
  fit(data: TrainingData, options: HybridOptions = {}): HybridModel {
    const weights = checkWeights(options.weights ?? DEFAULT_HYBRID_WEIGHTS);
    const parts = weights.map(([name]) => ({ name, model: part(name).fit(data, options.partOptions?.[name]) }));
    const fallback = data.userSegment && data.segmentNames ? segmentPopularity.fit(data, {}) : popularity.fit(data, {});
    const profile = data.userAttributes ? fitProfile(data) : undefined;
    return { kind: "hybrid", version: 1, users: data.matrix.rows, items: data.matrix.cols, weights: Object.fromEntries(weights), parts, fallback, ...(profile ? { profile } : {}) };
  },
  score(model, user, history, out) {
    if (isCold(history)) {
      part(model.fallback.kind as HybridPartName).score(model.fallback, user, history, out);
      if (!model.profile || !canScoreProfile(model.profile, history)) return;
      // What the same profile chose ranks first (1 + share); best sellers, scaled below 0.5, fill the rest
      // of the list, so exclusions that remove the profile's items never leave it empty.
      scaleInPlace(out);
      for (let i = 0; i < out.length; i++) out[i] = out[i]! > 0 ? 0.5 * out[i]! : -Infinity;
      const own = new Float32Array(out.length);
      scoreProfile(model.profile, history, own);
      for (let i = 0; i < out.length; i++) if (own[i]! > 0) out[i] = 1 + own[i]!;
      return;
    }
    // Only items some part gives a positive score have evidence; the rest stay -Infinity, never filler.
    out.fill(-Infinity);
    for (const p of model.parts) {
      const s = partScores(model, p, user, history);
      const w = model.weights[p.name]!;
      for (let i = 0; i < out.length; i++) if (s[i]! > 0) out[i] = (out[i] === -Infinity ? 0 : out[i]!) + w * s[i]!;
    }
  },
  explain(model, user, history, item): Reason | null {
    if (isCold(history)) {
      const profileReason = model.profile && canScoreProfile(model.profile, history) ? explainProfile(model.profile, history, item) : null;
      if (profileReason) return { kind: "fallback", why: "no purchase history yet, so what customers with the same profile chose stands in", reason: profileReason };
      const why = "no purchase history yet, so best sellers stand in";
      return { kind: "fallback", why, reason: part(model.fallback.kind as HybridPartName).explain(model.fallback, user, history, item) };
    }
    const shares = model.parts.map((p) => ({ p, share: model.weights[p.name]! * partScores(model, p, user, history)[item]! }));
    const total = shares.reduce((a, s) => a + s.share, 0);
    if (!(total > 0)) return null;
    const parts = shares
      .filter((s) => s.share > 0)
      .sort((a, b) => b.share - a.share)
      .map((s) => ({ algorithm: s.p.name as AlgorithmName, share: s.share / total, reason: part(s.p.name).explain(s.p.model, user, history, item) }));
    return { kind: "blend", parts };
  },
  toJSON(model) {
    return {
      ...model,
      parts: model.parts.map((p) => ({ name: p.name, model: part(p.name).toJSON(p.model) })),
      fallback: part(model.fallback.kind as HybridPartName).toJSON(model.fallback),
      ...(model.profile ? { profile: profileToJSON(model.profile) } : {}),
    };
  },
  fromJSON(json): HybridModel {
    const o = checkHeader(json, "hybrid", 1);
    const weights = Object.fromEntries(checkWeights((o.weights ?? {}) as Record<string, number>));
    const rawParts = Array.isArray(o.parts) ? (o.parts as { name: string; model: unknown }[]) : [];
    const parts = rawParts.map((p) => {
      if (!(p.name in PARTS)) throw new MlRangeError(`hybrid model: unknown part "${p.name}"`);
      return { name: p.name as HybridPartName, model: part(p.name as HybridPartName).fromJSON(p.model) };
    });
    const fb = (o.fallback ?? {}) as { kind?: string };
    if (fb.kind !== "popularity" && fb.kind !== "segment-popularity") throw new MlRangeError(`hybrid model: fallback must be popularity, got ${String(fb.kind)}`);
    const profile = o.profile === undefined ? undefined : profileFromJSON(o.profile);
    return { kind: "hybrid", version: 1, users: Number(o.users), items: Number(o.items), weights, parts, fallback: part(fb.kind).fromJSON(o.fallback), ...(profile ? { profile } : {}) };
  },
};
