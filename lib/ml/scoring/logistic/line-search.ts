// A step length satisfying the strong Wolfe conditions along a descent direction: bracketing then zooming,
// as Nocedal & Wright, Numerical Optimization (2nd ed.), Alg. 3.5 and 3.6, with the zoom's trial step the
// minimiser of the cubic through both ends (eq. 3.59), kept away from the ends, else bisection.
import type { Objective } from "./lbfgs";

/** The trial point and its gradient; after a successful search they hold the accepted step's. */
export interface LineSearchSpace {
  x: Float64Array;
  g: Float64Array;
  evaluations: number;
}

interface Trial {
  step: number;
  value: number;
  slope: number;
}

const SUFFICIENT_DECREASE = 1e-4;
const CURVATURE = 0.9;
const MAX_BRACKET = 20;
const MAX_ZOOM = 30;

/** The accepted step and f there (ws holds x + step·d and its gradient), or null when no step decreases f. */
export function strongWolfe(
  f: Objective,
  x: Float64Array,
  f0: number,
  d: Float64Array,
  slope0: number,
  step0: number,
  ws: LineSearchSpace,
): { step: number; value: number } | null {
  const evaluate = (step: number): Trial => {
    const n = x.length;
    for (let i = 0; i < n; i++) ws.x[i] = x[i]! + step * d[i]!;
    const raw = f(ws.x, ws.g);
    ws.evaluations++;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += ws.g[i]! * d[i]!;
    // An overflow counts as too far: the Armijo test fails and the zoom shrinks the step.
    return { step, value: Number.isFinite(raw) ? raw : Infinity, slope: Number.isFinite(slope) ? slope : Infinity };
  };
  const armijo = (t: Trial) => t.value <= f0 + SUFFICIENT_DECREASE * t.step * slope0;
  const curvature = (t: Trial) => Math.abs(t.slope) <= -CURVATURE * slope0;
  let previous: Trial = { step: 0, value: f0, slope: slope0 };
  let step = step0;
  for (let i = 0; i < MAX_BRACKET; i++) {
    const t = evaluate(step);
    if (!armijo(t) || (i > 0 && t.value >= previous.value)) return zoom(previous, t, armijo, curvature, evaluate);
    if (curvature(t)) return { step: t.step, value: t.value };
    if (t.slope >= 0) return zoom(t, previous, armijo, curvature, evaluate);
    previous = t;
    step *= 2;
  }
  // Still going down after many doublings: the last trial decreases f enough, and ws holds it.
  return { step: previous.step, value: previous.value };
}

function zoom(lo: Trial, hi: Trial, armijo: (t: Trial) => boolean, curvature: (t: Trial) => boolean, evaluate: (step: number) => Trial): { step: number; value: number } | null {
  for (let j = 0; j < MAX_ZOOM; j++) {
    const width = Math.abs(hi.step - lo.step);
    if (width <= Number.EPSILON * Math.max(1, Math.abs(lo.step))) break;
    const t = evaluate(trialStep(lo, hi));
    if (!armijo(t) || t.value >= lo.value) hi = t;
    else {
      if (curvature(t)) return { step: t.step, value: t.value };
      if (t.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = t;
    }
  }
  // No Wolfe point within the budget (rounding near a minimum): take the best step that decreased f, if any.
  if (lo.step === 0) return null;
  const t = evaluate(lo.step);
  return { step: t.step, value: t.value };
}

/** The cubic interpolant's minimiser, kept 10% of the bracket away from its ends; else the midpoint. */
function trialStep(a: Trial, b: Trial): number {
  const mid = (a.step + b.step) / 2;
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value) || !Number.isFinite(a.slope) || !Number.isFinite(b.slope)) return mid;
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.step - b.step);
  const disc = d1 * d1 - a.slope * b.slope;
  if (!(disc >= 0)) return mid;
  const d2 = Math.sign(b.step - a.step) * Math.sqrt(disc);
  const t = b.step - ((b.step - a.step) * (b.slope + d2 - d1)) / (b.slope - a.slope + 2 * d2);
  const lowEnd = Math.min(a.step, b.step);
  const width = Math.abs(b.step - a.step);
  return Number.isFinite(t) && t >= lowEnd + 0.1 * width && t <= lowEnd + 0.9 * width ? t : mid;
}
