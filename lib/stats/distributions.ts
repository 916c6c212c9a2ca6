// The distributions the tests need: normal, Student t, chi-square and beta. Each tail is computed
// directly (not as 1 − cdf) so p-values of 1e-12 keep their digits.
import { MlRangeError } from "../ml/errors";
import { betaRegularized, gammaQ, logBeta, logGamma } from "./special-functions";

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal cdf Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new MlRangeError("normalCdf needs a number, got NaN");
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  // Φ(x) = ½ erfc(−x/√2) and erfc(z) = Q(½, z²) for z ≥ 0: the tail keeps its relative accuracy.
  const tail = 0.5 * gammaQ(0.5, 0.5 * x * x);
  return x < 0 ? tail : 1 - tail;
}

// Wichura's AS 241 (PPND16): about 1e-16 relative accuracy over (0, 1), no refinement step needed.
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + (c[i] as number);
  return s;
}

/** Standard normal quantile Φ⁻¹(p), for 0 < p < 1 (±Infinity at 0 and 1). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new MlRangeError(`normalQuantile needs 0 <= p <= 1, got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

function checkDf(df: number, what: string): void {
  if (!(df > 0)) throw new MlRangeError(`${what} needs degrees of freedom > 0, got ${df}`);
}

/** P(T > |t|) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
function studentTTail(t: number, df: number): number {
  if (df === Infinity) return normalCdf(-Math.abs(t));
  const t2 = t * t;
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²), both without cancellation.
  return 0.5 * betaRegularized(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** Student t cdf. */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, "studentTCdf");
  if (Number.isNaN(t)) throw new MlRangeError("studentTCdf needs a number, got NaN");
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = studentTTail(t, df);
  return t < 0 ? tail : 1 - tail;
}

function studentTPdf(t: number, df: number): number {
  return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Student t quantile, solved on the tail probability so p = 1e-10 keeps its digits. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, "studentTQuantile");
  if (!(p >= 0 && p <= 1)) throw new MlRangeError(`studentTQuantile needs 0 <= p <= 1, got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const tail = Math.min(p, 1 - p);
  // Bracket, then Newton steps kept inside the bracket (bisection when a step would leave it): the
  // t tails are heavy enough at small df that plain Newton from the normal quantile overshoots.
  let lo = 0;
  let hi = Math.max(1, -normalQuantile(tail));
  while (studentTTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTTail(x, df) - tail; // decreasing in x
    if (f > 0) lo = x;
    else hi = x;
    const step = f / studentTPdf(x, df);
    let next = x + step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) {
      x = next;
      break;
    }
    x = next;
  }
  return p < 0.5 ? -x : x;
}

/** Chi-square survival function P(X > x). */
export function chiSquareSf(x: number, df: number): number {
  checkDf(df, "chiSquareSf");
  if (Number.isNaN(x)) throw new MlRangeError("chiSquareSf needs a number, got NaN");
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Beta(a, b) cdf. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betaRegularized(x, a, b);
}

/** ln of the Beta(a, b) density at 0 < x < 1. */
export function betaLogPdf(x: number, a: number, b: number): number {
  return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b);
}
