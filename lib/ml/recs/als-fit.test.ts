import { describe, expect, it } from "vitest";
import { fitFactors, type SweepSettings } from "./als-fit";
import { rowScratch, solveRow } from "./als-solve";
import { csrFromRows, rowIndices, rowValues, transpose, type Csr } from "./csr";
import { createRng } from "../random";

/** The same sweeps in plain JavaScript through the serving solver, in doubles: what the kernels must match. */
function referenceSweeps(m: Csr, X: Float64Array, Y: Float64Array, o: SweepSettings): number[] {
  const f = o.factors;
  const mt = transpose(m);
  const gramOf = (F: Float64Array, rows: number) => {
    const g = new Float64Array(f * f);
    for (let i = 0; i < rows; i++) for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) g[a * f + b]! += F[i * f + a]! * F[i * f + b]!;
    for (let a = 0; a < f; a++) g[a * f + a]! += o.regularization;
    return g;
  };
  const sweep = (rows: Csr, fixed: Float64Array, target: Float64Array, G: Float64Array) => {
    const x = new Float64Array(f);
    for (let u = 0; u < rows.rows; u++) {
      x.set(target.subarray(u * f, (u + 1) * f));
      solveRow(G, Float32Array.from(fixed), f, rowIndices(rows, u), rowValues(rows, u), o.alpha, x, o.cgSteps, rowScratch(f));
      target.set(x, u * f);
    }
  };
  const loss: number[] = [];
  for (let it = 0; it < o.iterations; it++) {
    sweep(m, Y, X, gramOf(Y, m.cols));
    sweep(mt, X, Y, gramOf(X, m.rows));
    // Σ_ui c_ui (p_ui − x_u·y_i)² + λ(‖X‖² + ‖Y‖²), over Σ_ui c_ui, summed cell by cell.
    let total = 0;
    let confidence = 0;
    for (let u = 0; u < m.rows; u++) {
      for (let i = 0; i < m.cols; i++) {
        const k = Array.from(rowIndices(m, u)).indexOf(i);
        const r = k < 0 ? 0 : rowValues(m, u)[k]!;
        const c = r > 0 ? 1 + o.alpha * r : 1;
        let s = 0;
        for (let a = 0; a < f; a++) s += X[u * f + a]! * Y[i * f + a]!;
        total += c * ((r > 0 ? 1 : 0) - s) ** 2;
        confidence += c;
      }
    }
    for (const v of [...X, ...Y]) total += o.regularization * v * v;
    loss.push(total / confidence);
  }
  return loss;
}

describe("ALS sweeps in WebAssembly", () => {
  // Odd and even factor counts exercise the kernels' paired loops and their one-value tails; a zero and a
  // negative value are stored but count as unobserved.
  const m = csrFromRows(6, [[0, 2, 5], [1], [0, 1, 2, 3], [4, 5], [], [2, 3], [0, 5]], [[1, 2, 0.5], [3], [1, 1, 0, 2], [1, -1], [], [4, 1], [1, 1]]);
  for (const factors of [1, 2, 3, 4, 5, 17]) {
    it(`matches the JavaScript solver, factor by factor, with ${factors} factors`, () => {
      const o: SweepSettings = { factors, regularization: 0.3, alpha: 2, iterations: 3, cgSteps: 2 };
      const rng = createRng(5);
      const X0 = Float32Array.from({ length: m.rows * factors }, () => rng.next() * 0.1);
      const Y0 = Float32Array.from({ length: m.cols * factors }, () => rng.next() * 0.1);
      const fitted = fitFactors(m, transpose(m), X0, Y0, o);
      const X = Float64Array.from(X0);
      const Y = Float64Array.from(Y0);
      const loss = referenceSweeps(m, X, Y, o);
      // The reference solves against item factors rounded to f32 (as serving does); the fit keeps doubles.
      fitted.userFactors.forEach((v, i) => expect(v).toBeCloseTo(X[i]!, 5));
      fitted.itemFactors.forEach((v, i) => expect(v).toBeCloseTo(Y[i]!, 5));
      fitted.loss.forEach((l, t) => expect(l).toBeCloseTo(loss[t]!, 6));
      expect(fitted.loss).toHaveLength(3);
    });
  }
});
