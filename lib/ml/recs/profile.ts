// What customers with the same profile chose: the cold-start fallback for a customer who has bought
// nothing yet but whose attributes are known (country, gender, age band, imported attributes). For each
// profile token it keeps the items most often chosen by customers carrying it; a new customer's score for
// an item is the mean, over their known tokens, of the share of those customers who chose it.
import { checkHeader, pack, type PackedArray, unpackF32, unpackI32 } from "../codec";
import { checkWhole } from "./model-support";
import type { Reason, TrainingData, UserHistory } from "./types";
import { MlRangeError } from "../errors";

/** Not a recommender of its own (no history to score): the hybrid's fallback for customers without one. */
export interface ProfileModel {
  readonly kind: "profile";
  readonly version: 1;
  readonly users: number;
  readonly items: number;
  readonly tokens: readonly string[];
  /** Customers carrying each token. */
  readonly carriers: Int32Array;
  /** Per token (CSR rows): its top items and the share of its carriers who chose each. */
  readonly indptr: Int32Array;
  readonly item: Int32Array;
  readonly share: Float32Array;
  readonly counts: Int32Array;
}

/** A customer's profile tokens from plain fields; values too long or empty are left out. */
export function profileTokens(fields: Readonly<Record<string, string | number | boolean | null | undefined>>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === "") continue;
    const text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value).trim();
    if (text.length === 0 || text.length > 40) continue;
    out.push(`${key}: ${text}`);
  }
  return out;
}

/** The age band token for an age in years ("age: 30–39"), or null. */
export function ageBand(age: number | null | undefined): string | null {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0 || age > 120) return null;
  const lo = Math.floor(age / 10) * 10;
  return `${lo}–${lo + 9}`;
}

export function fitProfile(data: TrainingData, options: { itemsPerToken?: number; minCarriers?: number } = {}): ProfileModel {
  const keep = checkWhole("itemsPerToken", options.itemsPerToken ?? 100, 1);
  const minCarriers = checkWhole("minCarriers", options.minCarriers ?? 5, 1);
  const attrs = data.userAttributes;
  const { rows: users, cols: items, indptr: rp, indices } = data.matrix;
  if (!attrs || attrs.length !== users) throw new MlRangeError(`profile: userAttributes must list ${users} customers' tokens, got ${attrs?.length ?? 0}`);
  const byToken = new Map<string, number[]>();
  attrs.forEach((tokens, u) => new Set(tokens).forEach((t) => (byToken.get(t) ?? byToken.set(t, []).get(t)!).push(u)));
  // Tokens too rare to say anything (or unique per customer, like an id) are dropped, and so are fields
  // with too many values to describe a group (a postcode): each kept token is a row of the model.
  const valuesPerField = new Map<string, number>();
  for (const t of byToken.keys()) valuesPerField.set(fieldOf(t), (valuesPerField.get(fieldOf(t)) ?? 0) + 1);
  const tokens = [...byToken.keys()].filter((t) => byToken.get(t)!.length >= minCarriers && valuesPerField.get(fieldOf(t))! <= MAX_VALUES_PER_FIELD).sort();
  const counts = new Int32Array(items);
  const indptr = new Int32Array(tokens.length + 1);
  const outItem: number[] = [];
  const outShare: number[] = [];
  const outCount: number[] = [];
  tokens.forEach((t, k) => {
    const carriers = byToken.get(t)!;
    // Only the items these customers touched, not the whole catalogue, are counted and ranked.
    const touched: number[] = [];
    for (const u of carriers) {
      for (let e = rp[u]!; e < rp[u + 1]!; e++) if (counts[indices[e]!]!++ === 0) touched.push(indices[e]!);
    }
    const top = touched.sort((a, b) => counts[b]! - counts[a]! || a - b).slice(0, keep).sort((a, b) => a - b);
    for (const i of top) {
      outItem.push(i);
      outShare.push(counts[i]! / carriers.length);
      outCount.push(counts[i]!);
    }
    for (const i of touched) counts[i] = 0;
    indptr[k + 1] = outItem.length;
  });
  return {
    kind: "profile",
    version: 1,
    users,
    items,
    tokens,
    carriers: Int32Array.from(tokens, (t) => byToken.get(t)!.length),
    indptr,
    item: Int32Array.from(outItem),
    share: Float32Array.from(outShare),
    counts: Int32Array.from(outCount),
  };
}

/** A field with more distinct values than this (a postcode, an id) describes no group. */
const MAX_VALUES_PER_FIELD = 200;

const fieldOf = (token: string) => token.slice(0, Math.max(0, token.indexOf(": ")));

// Token → row, built once per model (a request asks several times).
const tokenIndex = new WeakMap<ProfileModel, Map<string, number>>();

/** Indices of the history's known tokens, in the model's order. */
function knownTokens(model: ProfileModel, history: UserHistory): number[] {
  let index = tokenIndex.get(model);
  if (!index) tokenIndex.set(model, (index = new Map(model.tokens.map((t, k) => [t, k]))));
  return [...new Set(history.attributes ?? [])].map((t) => index.get(t)).filter((k): k is number => k !== undefined);
}

export function canScoreProfile(model: ProfileModel, history: UserHistory): boolean {
  return knownTokens(model, history).length > 0;
}

/** Mean share over the customer's known tokens; items no carrier chose stay -Infinity. */
export function scoreProfile(model: ProfileModel, history: UserHistory, out: Float32Array): void {
  const known = knownTokens(model, history);
  out.fill(-Infinity);
  for (const k of known) {
    for (let e = model.indptr[k]!; e < model.indptr[k + 1]!; e++) {
      const i = model.item[e]!;
      out[i] = (out[i] === -Infinity ? 0 : out[i]!) + model.share[e]! / known.length;
    }
  }
}

/** The tokens behind an item's score, strongest first, and how many of their carriers chose it. */
export function explainProfile(model: ProfileModel, history: UserHistory, item: number): Reason | null {
  const parts: { token: string; share: number; count: number }[] = [];
  for (const k of knownTokens(model, history)) {
    for (let e = model.indptr[k]!; e < model.indptr[k + 1]!; e++) {
      if (model.item[e] === item) parts.push({ token: model.tokens[k]!, share: model.share[e]!, count: model.counts[e]! });
    }
  }
  if (parts.length === 0) return null;
  parts.sort((a, b) => b.share - a.share);
  return { kind: "similar-profile", attributes: parts.slice(0, 3).map((p) => p.token), customers: parts[0]!.count };
}

export function profileToJSON(m: ProfileModel): unknown {
  return { ...m, carriers: pack(m.carriers), indptr: pack(m.indptr), item: pack(m.item), share: pack(m.share), counts: pack(m.counts) };
}

export function profileFromJSON(json: unknown): ProfileModel {
  const o = checkHeader(json, "profile", 1);
  const tokens = Array.isArray(o.tokens) ? o.tokens.map(String) : [];
  const indptr = unpackI32(o.indptr as PackedArray, "profile.indptr");
  if (indptr.length !== tokens.length + 1) throw new MlRangeError(`profile model: ${indptr.length} row pointers for ${tokens.length} tokens`);
  return {
    kind: "profile",
    version: 1,
    users: Number(o.users),
    items: Number(o.items),
    tokens,
    carriers: unpackI32(o.carriers as PackedArray, "profile.carriers"),
    indptr,
    item: unpackI32(o.item as PackedArray, "profile.item"),
    share: unpackF32(o.share as PackedArray, "profile.share"),
    counts: unpackI32(o.counts as PackedArray, "profile.counts"),
  };
}
