// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4 and 7.5) with a line
// search satisfying the strong Wolfe conditions (Alg. 3.5 and 3.6, cubic interpolation in the zoom). Generic
// over any smooth objective; logistic regression is its caller. The objective writes its gradient into the
// buffer it is given, and every vector lives in buffers allocated once, so an iteration allocates nothing.
import { MlRangeError } from "../../errors";
import { strongWolfe, type LineSearchSpace } from "./line-search";

/** Returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Correction pairs kept. */
  readonly memory: number;
  readonly maxIterations: number;
  /**
   * Stop when max |∂f/∂xᵢ| ≤ this × max(1, max |∂f/∂xᵢ| at x0). For an objective whose gradient at the start
   * is at most 1 (a mean log-loss from zero weights) this is scipy's `pgtol`, which scikit-learn sets to `tol`.
   */
  readonly gradientTolerance: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this: scipy's factr·eps (scikit-learn passes 64·eps). */
  readonly functionTolerance: number;
  readonly onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Objective (and gradient) evaluations, line searches included. */
  readonly evaluations: number;
}

const DEFAULTS: LbfgsOptions = { memory: 10, maxIterations: 500, gradientTolerance: 1e-6, functionTolerance: 64 * Number.EPSILON };

export function minimiseLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const o = { ...DEFAULTS, ...options };
  checkOptions(o);
  const n = x0.length;
  const m = o.memory;
  const s = new Float64Array(m * n);
  const y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  const d = new Float64Array(n);
  const ws: LineSearchSpace = { x: new Float64Array(n), g: new Float64Array(n), evaluations: 0 };
  let value = f(x, g);
  ws.evaluations = 1;
  if (!Number.isFinite(value)) throw new MlRangeError(`the objective is ${value} at the starting point`);
  const gtol = o.gradientTolerance * Math.max(1, maxAbs(g));
  let stored = 0;
  let newest = -1;
  let iterations = 0;
  let converged = maxAbs(g) <= gtol;
  while (!converged && iterations < o.maxIterations) {
    direction(g, { s, y, rho, alpha, stored, newest, m }, d);
    let slope = dot(g, d, n);
    if (!(slope < 0)) {
      // Rounding can leave the quasi-Newton direction uphill: forget the pairs and go down the gradient.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d, n);
    }
    // The first step is scaled to length 1 at most, as in scipy: until a pair has measured the curvature, the
    // direction's length says nothing.
    const step0 = stored === 0 ? Math.min(1, 1 / Math.sqrt(dot(d, d, n))) : 1;
    const step = strongWolfe(f, x, value, d, slope, step0, ws);
    if (step === null) {
      // No decrease along the quasi-Newton direction: retry once down the gradient with the pairs forgotten;
      // if that fails too, rounding has the last word (scipy's ABNORMAL_TERMINATION_IN_LNSRCH).
      if (stored === 0) break;
      stored = 0;
      continue;
    }
    iterations++;
    newest = (newest + 1) % m;
    const at = newest * n;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = ws.x[i]! - x[i]!;
      const yi = ws.g[i]! - g[i]!;
      s[at + i] = si;
      y[at + i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    // A pair with sᵀy ≤ 0 would make the inverse-Hessian estimate indefinite; the Wolfe step rules it out
    // except through rounding, and then the pair is skipped.
    if (sy > Number.EPSILON * yy) {
      rho[newest] = 1 / sy;
      stored = Math.min(m, stored + 1);
    } else {
      // The rejected pair overwrote the oldest slot, so that one is gone too.
      newest = (newest + m - 1) % m;
      stored = Math.min(stored, m - 1);
    }
    const previous = value;
    value = step.value;
    [x, ws.x] = [ws.x, x];
    [g, ws.g] = [ws.g, g];
    o.onIteration?.(iterations, value);
    converged = maxAbs(g) <= gtol || (previous - value) / Math.max(Math.abs(previous), Math.abs(value), 1) <= o.functionTolerance;
  }
  return { x, value, iterations, converged, evaluations: ws.evaluations };
}

interface Pairs {
  readonly s: Float64Array;
  readonly y: Float64Array;
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
  readonly stored: number;
  readonly newest: number;
  readonly m: number;
}

/** d = −H·g by the two-loop recursion, H₀ = γI with γ = sᵀy / yᵀy of the newest pair. */
function direction(g: Float64Array, p: Pairs, d: Float64Array): void {
  const n = g.length;
  const { s, y, rho, alpha, stored, newest, m } = p;
  for (let i = 0; i < n; i++) d[i] = -g[i]!;
  if (stored === 0) return;
  for (let k = 0; k < stored; k++) {
    const j = (newest - k + m) % m;
    const a = rho[j]! * dotAt(s, j * n, d, n);
    alpha[j] = a;
    axpyAt(-a, y, j * n, d, n);
  }
  const at = newest * n;
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[at + i]! * y[at + i]!;
  const gamma = 1 / (rho[newest]! * yy);
  for (let i = 0; i < n; i++) d[i]! *= gamma;
  for (let k = stored - 1; k >= 0; k--) {
    const j = (newest - k + m) % m;
    const b = rho[j]! * dotAt(y, j * n, d, n);
    axpyAt(alpha[j]! - b, s, j * n, d, n);
  }
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i]! * b[i]!;
  return t;
}

function dotAt(a: Float64Array, offset: number, b: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[offset + i]! * b[i]!;
  return t;
}

function axpyAt(scale: number, a: Float64Array, offset: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i]! += scale * a[offset + i]!;
}

function maxAbs(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t = Math.max(t, Math.abs(a[i]!));
  return t;
}

function checkOptions(o: LbfgsOptions): void {
  if (!Number.isInteger(o.memory) || o.memory < 1) throw new MlRangeError(`memory must be a whole number of at least 1, got ${o.memory}`);
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 0) throw new MlRangeError(`maxIterations must be a whole number of at least 0, got ${o.maxIterations}`);
  if (!(o.gradientTolerance >= 0)) throw new MlRangeError(`gradientTolerance must be at least 0, got ${o.gradientTolerance}`);
  if (!(o.functionTolerance >= 0)) throw new MlRangeError(`functionTolerance must be at least 0, got ${o.functionTolerance}`);
}
