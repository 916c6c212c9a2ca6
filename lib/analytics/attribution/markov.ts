// Data-driven attribution with a first-order Markov chain and removal effects (Anderl, Becker, von Wangenheim &
// Schumann 2016, "Mapping the customer journey: Lessons learned from graph-based online attribution modeling").
//
// States are stateOf(campaign) of each touch (campaigns or channels, whatever the caller maps to), plus START,
// CONVERSION and NULL. Every converting path is START → its states → CONVERSION, every non-converting path is
// START → its states → NULL, and transition probabilities are the observed counts normalised per row.
//
// Consecutive repeats (A → A) are collapsed. For a first-order chain this changes nothing: a self-loop of
// probability p at A only rescales A's other exits by 1 / (1 − p), and collapsing the run in the data yields exactly
// those exit counts, so conversion probabilities and removal effects are identical either way (markov.test.ts checks
// it). Collapsing keeps the counts readable and matches the "unique" option of the ChannelAttribution R package.
//
// Removal effect RE(s) = 1 − P(without s) / P, where P is the probability of reaching CONVERSION from START and
// removing s sends every transition into s to NULL. Rather than re-solving the chain once per state (O(m⁴) for m
// states), one inverse G = (I − Q)⁻¹ of the transient block gives them all: by the strong Markov property
// h(START) = P(convert avoiding s) + P(ever visit s) · h(s), and P(ever visit s from START) = G[START,s] / G[s,s], so
// RE(s) = G[START,s] / G[s,s] · h(s) / h(START) with h = G r (r = one-step conversion probabilities). This is exact,
// O(m³) once, and a few hundred states solve in milliseconds.
//
// Credit: total purchases and total revenue of the converting paths, split by RE(s) / Σ RE — so Markov hands out the
// same totals as the heuristics. It is computed on the states given: channel credit is not the sum of campaign
// credit, because removing a channel removes all its campaigns at once.
//
// Fallback: with any converting path Σ RE > 0 (each state on it is visited from START and can still convert), so
// the only case without removal effects is no converting path at all, where there is nothing to hand out and credit
// is zero. Should rounding ever still leave Σ RE = 0 with purchases to share, credit falls back to linear and
// `fellBack` says so.
import { creditHeuristic } from "./heuristics";
import type { AttributionSettings } from "./settings";
import type { Credit, Journeys } from "./types";
import { checkStates } from "./validate";

export interface MarkovFit {
  /** Probability of reaching CONVERSION from START (0 when nothing converted). */
  conversionProbability: number;
  /** Per state, RE(s) in [0, 1]; 0 for states on no path. */
  removalEffects: Float64Array;
  /** Per state, the share of credit: RE(s) / Σ RE, or the linear model's shares when `fellBack`. */
  shares: Float64Array;
  fellBack: boolean;
}

/**
 * Transition counts as a dense (stateCount + 3)² row-major matrix; index stateCount is START, stateCount + 1
 * CONVERSION, stateCount + 2 NULL. `keepRepeats` exists so the tests can show that collapsing changes nothing.
 */
export function countTransitions(j: Journeys, stateOf: Int32Array, stateCount: number, keepRepeats = false): Float64Array {
  const n = stateCount + 3;
  const counts = new Float64Array(n * n);
  const walk = (start: Int32Array, campaign: Int32Array, end: number) => {
    for (let p = 0; p + 1 < start.length; p++) {
      let prev = stateCount;
      for (let e = start[p]!; e < start[p + 1]!; e++) {
        const s = stateOf[campaign[e]!]!;
        if (s !== prev || keepRepeats) counts[prev * n + s]!++;
        prev = s;
      }
      counts[prev * n + end]!++;
    }
  };
  walk(j.converting.start, j.converting.campaign, stateCount + 1);
  walk(j.nonConverting.start, j.nonConverting.campaign, stateCount + 2);
  return counts;
}

/** I − Q over the transient states 0..stateCount (START last) and r, the one-step conversion probabilities. */
function transientSystem(counts: Float64Array, stateCount: number, removed: number): { a: Float64Array; r: Float64Array } {
  const n = stateCount + 3;
  const m = stateCount + 1;
  const a = new Float64Array(m * m);
  const r = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    a[i * m + i] = 1;
    let total = 0;
    for (let k = 0; k < n; k++) total += counts[i * n + k]!;
    if (total === 0 || i === removed) continue; // never left (or removed): absorbing with value 0
    for (let k = 0; k < m; k++) if (k !== removed) a[i * m + k]! -= counts[i * n + k]! / total;
    r[i] = counts[i * n + stateCount + 1]! / total;
  }
  return { a, r };
}

/** Gauss–Jordan inverse with partial pivoting, in place. I − Q of an absorbing chain is non-singular. */
function invertInPlace(a: Float64Array, m: number): void {
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let i = col + 1; i < m; i++) if (Math.abs(a[i * m + col]!) > Math.abs(a[pivot * m + col]!)) pivot = i;
    if (pivot !== col) {
      for (let k = 0; k < m; k++) {
        const x = a[col * m + k]!;
        a[col * m + k] = a[pivot * m + k]!;
        a[pivot * m + k] = x;
        const y = inv[col * m + k]!;
        inv[col * m + k] = inv[pivot * m + k]!;
        inv[pivot * m + k] = y;
      }
    }
    const d = a[col * m + col]!;
    for (let k = 0; k < m; k++) {
      a[col * m + k]! /= d;
      inv[col * m + k]! /= d;
    }
    for (let i = 0; i < m; i++) {
      const f = a[i * m + col]!;
      if (i === col || f === 0) continue;
      for (let k = 0; k < m; k++) {
        a[i * m + k]! -= f * a[col * m + k]!;
        inv[i * m + k]! -= f * inv[col * m + k]!;
      }
    }
  }
  a.set(inv);
}

/** h = G r: the probability of converting from each transient state. */
function absorb(g: Float64Array, r: Float64Array, m: number): Float64Array {
  const h = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += g[i * m + k]! * r[k]!;
    h[i] = s;
  }
  return h;
}

/** P(reach CONVERSION from START), optionally with state `removed` sent to NULL; the direct route the tests compare against. */
export function conversionProbability(counts: Float64Array, stateCount: number, removed = -1): number {
  const m = stateCount + 1;
  const { a, r } = transientSystem(counts, stateCount, removed);
  invertInPlace(a, m);
  return absorb(a, r, m)[stateCount]!;
}

export function fitMarkov(j: Journeys, settings: AttributionSettings, stateOf: Int32Array, stateCount: number): MarkovFit {
  checkStates(j, stateOf, stateCount);
  const m = stateCount + 1;
  const counts = countTransitions(j, stateOf, stateCount);
  const { a: g, r } = transientSystem(counts, stateCount, -1);
  invertInPlace(g, m);
  const h = absorb(g, r, m);
  const p = h[stateCount]!;
  const removalEffects = new Float64Array(stateCount);
  const shares = new Float64Array(stateCount);
  let sum = 0;
  if (p > 0) {
    for (let s = 0; s < stateCount; s++) {
      // Clamped: rounding can leave −1e-17 where the exact value is 0.
      const re = Math.min(1, Math.max(0, ((g[stateCount * m + s]! / g[s * m + s]!) * h[s]!) / p));
      removalEffects[s] = re;
      sum += re;
    }
  }
  const paths = j.converting.revenue.length;
  if (sum > 0) {
    for (let s = 0; s < stateCount; s++) shares[s] = removalEffects[s]! / sum;
    return { conversionProbability: p, removalEffects, shares, fellBack: false };
  }
  if (paths === 0) return { conversionProbability: p, removalEffects, shares, fellBack: false };
  const linear = creditHeuristic(j, "linear", settings, stateOf, stateCount);
  for (let s = 0; s < stateCount; s++) shares[s] = linear.purchases[s]! / paths;
  return { conversionProbability: p, removalEffects, shares, fellBack: true };
}

/** Markov credit: the converting paths' purchases and revenue split by the fitted shares. */
export function creditMarkov(j: Journeys, settings: AttributionSettings, stateOf: Int32Array, stateCount: number): Credit {
  const { shares } = fitMarkov(j, settings, stateOf, stateCount);
  const rev = j.converting.revenue;
  let totalRevenue = 0;
  for (let i = 0; i < rev.length; i++) totalRevenue += rev[i]!;
  const purchases = new Float64Array(stateCount);
  const revenue = new Float64Array(stateCount);
  for (let s = 0; s < stateCount; s++) {
    purchases[s] = shares[s]! * rev.length;
    revenue[s] = shares[s]! * totalRevenue;
  }
  return { purchases, revenue };
}
