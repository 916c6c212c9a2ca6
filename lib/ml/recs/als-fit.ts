// The ALS fit's sweeps, run in WebAssembly (../wasm/kernels.wat: solveRows, addGram, lossRows). Every row
// solve is a few conjugate-gradient steps whose cost is one f × f product with YᵀY per step plus two length-f
// passes per item, so the fit is dense arithmetic throughout; as SIMD it runs about three times as fast as the
// same loops in JavaScript. The factors stay in doubles in the workspace for the whole fit and are rounded to
// Float32Array for the model at the end. Single-row solves for serving stay in JavaScript (./als-solve).
import { type Kernels, instantiateKernels, Layout } from "../wasm/kernels";
import type { Csr } from "./csr";

export interface SweepSettings {
  readonly factors: number;
  readonly regularization: number;
  readonly alpha: number;
  readonly iterations: number;
  readonly cgSteps: number;
}

export interface FittedFactors {
  userFactors: Float32Array;
  itemFactors: Float32Array;
  /** Objective after each iteration over the total confidence Σ c_ui (a weighted mean squared error). */
  loss: number[];
}

interface CsrAt {
  readonly rows: number;
  readonly indptr: number;
  readonly indices: number;
  readonly values: number;
}

function reserveCsr(layout: Layout, m: Csr): CsrAt {
  return { rows: m.rows, indptr: layout.take(m.rows + 1, 4), indices: layout.take(m.indices.length, 4), values: layout.take(m.values.length, 4) };
}

function copyCsr(buffer: ArrayBuffer, at: CsrAt, m: Csr): void {
  new Int32Array(buffer, at.indptr, m.rows + 1).set(m.indptr);
  new Int32Array(buffer, at.indices, m.indices.length).set(m.indices);
  new Float32Array(buffer, at.values, m.values.length).set(m.values);
}

/**
 * Alternates user and item sweeps from the starting factors X0 (users × f) and Y0 (items × f): each user row of
 * `byUser` re-solved against the item factors, then each item row of `byItem` (its transpose) against the users.
 */
export function fitFactors(byUser: Csr, byItem: Csr, X0: Float32Array, Y0: Float32Array, o: SweepSettings): FittedFactors {
  const f = o.factors;
  const { rows: users, cols: items } = byUser;
  const layout = new Layout();
  const at = {
    scratch: layout.take(3 * f, 8),
    g: layout.take(f * f, 8),
    x: layout.take(users * f, 8),
    y: layout.take(items * f, 8),
    byUser: reserveCsr(layout, byUser),
    byItem: reserveCsr(layout, byItem),
  };
  const k = instantiateKernels(layout.bytes, `ALS on ${users.toLocaleString("en")} customers × ${items.toLocaleString("en")} products with ${f} factors`);
  const { buffer } = k.memory;
  const X = new Float64Array(buffer, at.x, users * f);
  const Y = new Float64Array(buffer, at.y, items * f);
  X.set(X0);
  Y.set(Y0);
  copyCsr(buffer, at.byUser, byUser);
  copyCsr(buffer, at.byItem, byItem);
  const G = new Float64Array(buffer, at.g, f * f);
  const gramOf = (factors: number, rows: number) => {
    G.fill(0);
    k.addGram(at.g, factors, rows, f);
    for (let a = 0; a < f; a++) {
      G[a * f + a]! += o.regularization;
      for (let b = a + 1; b < f; b++) G[b * f + a] = G[a * f + b]!;
    }
  };
  const sweep = (m: CsrAt, fixed: number, target: number) => k.solveRows(at.g, fixed, f, m.indptr, m.indices, m.values, m.rows, o.alpha, target, o.cgSteps, at.scratch);
  let confidence = users * items;
  for (const v of byUser.values) if (v > 0) confidence += o.alpha * v;
  const loss: number[] = [];
  gramOf(at.y, items);
  for (let it = 0; it < o.iterations; it++) {
    sweep(at.byUser, at.y, at.x);
    gramOf(at.x, users);
    sweep(at.byItem, at.x, at.y);
    gramOf(at.y, items);
    loss.push(meanLoss(k, at, Y, f, o, confidence));
  }
  return { userFactors: Float32Array.from(X), itemFactors: Float32Array.from(Y), loss };
}

/** Σ over users of the row objective (G = YᵀY + λI in the workspace), plus λ‖Y‖², over Σ c_ui. */
function meanLoss(k: Kernels, at: { scratch: number; g: number; x: number; y: number; byUser: CsrAt }, Y: Float64Array, f: number, o: SweepSettings, confidence: number): number {
  const u = at.byUser;
  const total = k.lossRows(at.g, at.y, f, u.indptr, u.indices, u.values, u.rows, o.alpha, at.x, at.scratch);
  let yy = 0;
  for (const v of Y) yy += v * v;
  return (total + o.regularization * yy) / Math.max(1, confidence);
}
