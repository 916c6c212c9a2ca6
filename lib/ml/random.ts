// Seeded pseudo-random numbers for the demo generator and the algorithms. sfc32 is small, fast and passes PractRand to
// large sizes; Math.random cannot be seeded, and the demo data must be the same on every machine.
import { MlRangeError } from "./errors";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function createRng(seed: number): Rng {
  // splitmix32 spreads a small integer seed over the four words of sfc32's state.
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const rng: Rng = {
    next() {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
  };
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}

/** Derives an independent stream, so adding draws to one part of the generator leaves the others alone. */
export function forkRng(seed: number, stream: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return createRng(h);
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

export function normal(rng: Rng, mean = 0, sd = 1): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function logNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normal(rng, mu, sigma));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new MlRangeError("pick: cannot pick from an empty list");
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Cumulative weights for repeated weighted draws with {@link drawIndex}. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (!(w >= 0)) throw new MlRangeError(`cumulative: weight ${i} is ${w}; weights must be >= 0`);
    sum += w;
    out[i] = sum;
  }
  if (sum <= 0) throw new MlRangeError("cumulative: weights sum to 0");
  return out;
}

export function drawIndex(rng: Rng, cum: Float64Array): number {
  const target = rng.next() * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Up to `size` distinct indices of 0..n-1, a seeded partial Fisher–Yates shuffle (all of them when n ≤ size). */
export function sampleIndices(n: number, size: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.slice(0, size);
}
