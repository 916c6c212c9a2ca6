// The recommenders' training data from the database: weighted interactions, product text for content
// scoring, categories, and each customer's RFM segment (for segment best sellers and cold-start fallback).
import { z } from "zod";
import { DAY_MS } from "../../days";
import { loadPurchaseHistory } from "../../db/purchase-history";
import { UserError } from "../../errors";
import { type Catalogue, forEachProfile, loadRecsDataset, type ProfileFields } from "../../db/recs-data";
import { customerFeatures } from "../../ml/customer-features";
import { buildInteractions, DEFAULT_WEIGHTS } from "../../ml/recs/interactions";
import { ageBand, profileTokens } from "../../ml/recs/profile";
import { isAlgorithm } from "../../ml/recs/registry";
import type { AlgorithmName, TrainingData } from "../../ml/recs/types";
import { RFM_SEGMENTS, scoreRfm } from "../../ml/rfm";

const weight = z.number().finite().min(0, "a weight must be 0 or more").max(1000, "a weight must be at most 1,000");

/** How events become interactions: what the recommendations page sends, and part of what jobs store. */
export const InteractionSettings = z.object({
  /** Weight per event type (types not listed are left out). */
  weights: z
    .record(z.string().min(1).max(60), weight)
    .refine((w) => Object.values(w).some((v) => v > 0), "give at least one event type a weight above 0"),
  halfLifeDays: z.number().int("the half-life is a whole number of days").min(1, "the half-life must be at least 1 day").max(3650).optional(),
  ratings: z.enum(["as-given", "binary"]).optional(),
  ratingThreshold: z.number().finite().optional(),
});
export type InteractionSettings = z.infer<typeof InteractionSettings>;

/** An algorithm name of the registry, in settings and stored results. */
export const AlgorithmChoice = z
  .string()
  .refine(isAlgorithm, { message: "is not an algorithm" })
  .transform((s) => s as AlgorithmName);

export const DEFAULT_INTERACTIONS: InteractionSettings = { weights: { ...DEFAULT_WEIGHTS } };

export interface LoadedTrainingData {
  data: TrainingData;
  /** Dense user index → Customer.id. */
  customerIds: Int32Array;
  catalogue: Catalogue;
}


export function itemText(c: Catalogue, i: number): string {
  return [c.names[i], c.descriptions[i], c.categories[i]].filter(Boolean).join(" ");
}

/**
 * Every customer's RFM segment index (or -1 without purchases), aligned with `customerIds`, from purchases
 * before `asOf` (all of them when not given) and scored as of then.
 */
export async function rfmSegments(customerIds: Int32Array, asOf?: number): Promise<Int32Array> {
  const h = await loadPurchaseHistory(asOf);
  const f = customerFeatures(h);
  const s = scoreRfm({ recencyDays: f.recencyDays, frequency: f.frequency, monetary: f.monetary });
  const out = new Int32Array(customerIds.length).fill(-1);
  // Both id lists ascend: one merge pass.
  let j = 0;
  customerIds.forEach((id, i) => {
    while (j < h.customerId.length && h.customerId[j]! < id) j++;
    if (h.customerId[j] === id) out[i] = s.segment[j]!;
  });
  return out;
}

/** A customer's profile tokens as of `asOf`: country, gender, education, age band and imported attributes. */
export function tokensOf(f: ProfileFields, asOf: number): string[] {
  const age = f.age ?? (f.birthYear === null ? null : new Date(asOf).getUTCFullYear() - f.birthYear);
  return profileTokens({ country: f.country, gender: f.gender, education: f.education, age: ageBand(age), ...f.attributes });
}

/**
 * Every customer's profile tokens, aligned with `customerIds`. A token is one string however many customers
 * share it ("country=UK" a million times is one string), which keeps a million customers' tokens small.
 */
async function loadProfileTokens(customerIds: Int32Array, asOf: number): Promise<string[][]> {
  const shared = new Map<string, string>();
  const out: string[][] = new Array(customerIds.length);
  await forEachProfile(customerIds, (i, f) => {
    out[i] = tokensOf(f, asOf).map((t) => {
      const s = shared.get(t);
      if (s !== undefined) return s;
      shared.set(t, t);
      return t;
    });
  });
  return out;
}

export async function loadTrainingData(settings: InteractionSettings = DEFAULT_INTERACTIONS, before?: number): Promise<LoadedTrainingData> {
  const types = Object.keys(settings.weights).filter((t) => settings.weights[t]! > 0);
  if (types.length === 0) throw new UserError("give at least one event type a weight above 0");
  const ds = await loadRecsDataset(types, before);
  const asOf = before ?? (Math.floor(ds.lastEventAt / DAY_MS) + 1) * DAY_MS;
  const users = ds.customerIds.length;
  const items = ds.catalogue.productIds.length;
  const { matrix, log } = buildInteractions(ds.events, users, items, { ...settings, asOf });
  const data: TrainingData = {
    matrix,
    log,
    itemText: Array.from({ length: items }, (_, i) => itemText(ds.catalogue, i)),
    itemCategory: ds.catalogue.categories,
    userSegment: await rfmSegments(ds.customerIds),
    segmentNames: RFM_SEGMENTS.map((s) => s.name),
    userAttributes: await loadProfileTokens(ds.customerIds, asOf),
    asOf,
  };
  return { data, customerIds: ds.customerIds, catalogue: ds.catalogue };
}
