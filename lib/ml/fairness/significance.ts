// Whether a group's selection rate differs from the reference group's: the pooled two-proportion z test
// when every expected cell of the 2×2 table is at least 5 (the usual rule for the normal approximation),
// Fisher's exact test otherwise. Both are two-sided.
import { MlRangeError } from "../errors";
import { twoSidedPValue } from "../../stats/frequentist";
import type { SignificanceTest } from "./types";

export interface RateComparison {
  readonly test: SignificanceTest;
  readonly pValue: number;
}

// Two hypergeometric probabilities closer than this (relative) count as equal, as R's fisher.test does:
// tables that tie exactly in theory (a symmetric table's mirror image) then tie in floating point too.
// scipy uses 1e-14; the two differ only for distinct tables within 1e-7 of each other, which integer
// tables of the sizes met here do not produce.
const TIE_TOLERANCE = 1e-7;

function checkCounts(successes: number, trials: number, what: string): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new MlRangeError(`${what} must be whole counts with 0 <= successes <= trials, got ${successes} of ${trials}`);
  }
}

/** Compares x1/n1 with x2/n2, choosing the test by the smallest expected cell. */
export function compareRates(x1: number, n1: number, x2: number, n2: number): RateComparison {
  checkCounts(x1, n1, "the first rate");
  checkCounts(x2, n2, "the second rate");
  const n = n1 + n2;
  const successes = x1 + x2;
  const minExpected = (Math.min(n1, n2) * Math.min(successes, n - successes)) / n;
  if (minExpected < 5) return { test: "fisher", pValue: fisherExactTwoSided(x1, n1 - x1, x2, n2 - x2) };
  return { test: "z", pValue: pooledZTest(x1, n1, x2, n2) };
}

/** Two-sided pooled z test of x1/n1 against x2/n2 (1 when both rates are 0 or both are 1). */
export function pooledZTest(x1: number, n1: number, x2: number, n2: number): number {
  checkCounts(x1, n1, "the first rate");
  checkCounts(x2, n2, "the second rate");
  if (n1 === 0 || n2 === 0) throw new MlRangeError(`the z test needs rows in both groups, got ${n1} and ${n2}`);
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return 1;
  return twoSidedPValue((x1 / n1 - x2 / n2) / Math.sqrt(variance), Infinity);
}

/**
 * Fisher's exact two-sided p-value of the table [[a, b], [c, d]]: the total probability, under fixed
 * margins, of every table no more likely than the one observed (scipy.stats.fisher_exact's definition).
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const [name, v] of [["a", a], ["b", b], ["c", c], ["d", d]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new MlRangeError(`Fisher's test needs whole counts >= 0, got ${name} = ${v}`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  if (row1 === 0 || row2 === 0 || col1 === 0 || col1 === n) return 1;
  const weights = hypergeometricWeights(n, row1, col1);
  const lo = Math.max(0, col1 - row2);
  const observed = weights[a - lo]! * (1 + TIE_TOLERANCE);
  let total = 0;
  let asExtreme = 0;
  for (const w of weights) {
    total += w;
    if (w <= observed) asExtreme += w;
  }
  return Math.min(1, asExtreme / total);
}

/**
 * P(X = x) up to a constant, for X the top-left cell given the margins, over its support. Built outward
 * from the mode by the ratio of neighbouring terms, so no factorial is formed: the mode's weight is 1 and
 * the tails shrink toward 0 without overflow, each term within a few ulps.
 */
function hypergeometricWeights(n: number, row1: number, col1: number): Float64Array {
  const row2 = n - row1;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const w = new Float64Array(hi - lo + 1);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((col1 + 1) * (row1 + 1)) / (n + 2))));
  // P(x + 1) / P(x) for the hypergeometric.
  const ratio = (x: number) => ((row1 - x) * (col1 - x)) / ((x + 1) * (row2 - col1 + x + 1));
  w[mode - lo] = 1;
  for (let x = mode; x < hi; x++) w[x + 1 - lo] = w[x - lo]! * ratio(x);
  for (let x = mode; x > lo; x--) w[x - 1 - lo] = w[x - lo]! / ratio(x - 1);
  return w;
}
