// Platt scaling (Platt 1999): P(y = 1 | m) = σ(a·m + b) fitted to a model's margins by maximum likelihood.
// Platt's targets (N+ + 1)/(N+ + 2) and 1/(N− + 2) in place of 1 and 0 keep a and b finite when the margins
// separate the classes, and Newton's method with a backtracking line search and a tiny ridge on the
// Hessian is the robust version of Lin, Lin & Weng (2007). Platt writes 1/(1 + exp(A·f + B)): A = −a, B = −b.
import { MlRangeError } from "../../errors";
import { checkLabelled, requireBothClasses } from "./inputs";

export interface PlattCalibration {
  readonly kind: "platt";
  readonly a: number;
  readonly b: number;
}

const MAX_ITERATIONS = 100;
const MIN_STEP = 1e-10;
const RIDGE = 1e-12;

/** Fits σ(a·margin + b); throws when the margins are not finite or a class is missing. */
export function fitPlatt(margins: Float64Array, labels: Uint8Array): PlattCalibration {
  const totals = checkLabelled("fitPlatt", margins, labels);
  requireBothClasses("fitPlatt", totals);
  const hi = (totals.positives + 1) / (totals.positives + 2);
  const lo = 1 / (totals.negatives + 2);
  const target = (i: number) => (labels[i] === 1 ? hi : lo);
  let a = 0;
  let b = Math.log((totals.positives + 1) / (totals.negatives + 1));
  let loss = plattLoss(margins, target, a, b);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    let ga = 0;
    let gb = 0;
    let haa = RIDGE;
    let hab = 0;
    let hbb = RIDGE;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i]!;
      const p = sigmoid(a * m + b);
      const r = p - target(i);
      const h = p * (1 - p);
      ga += r * m;
      gb += r;
      haa += h * m * m;
      hab += h * m;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    // −slope is the squared Newton decrement, twice what a full step would gain to second order.
    if (-slope <= 1e-14 * Math.max(1, loss)) break;
    let step = 1;
    let next = plattLoss(margins, target, a + da, b + db);
    // Armijo: accept the first halving that lowers the loss by a fraction of what the slope promises.
    while (next > loss + 1e-4 * step * slope && step >= MIN_STEP) {
      step /= 2;
      next = plattLoss(margins, target, a + step * da, b + step * db);
    }
    if (step < MIN_STEP) break;
    a += step * da;
    b += step * db;
    const change = Math.max(Math.abs(step * da), Math.abs(step * db));
    loss = next;
    if (change < 1e-12 * (1 + Math.abs(a) + Math.abs(b))) break;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new MlRangeError(`fitPlatt: the fit diverged (a = ${a}, b = ${b})`);
  return { kind: "platt", a, b };
}

/** Σ −t·log σ(z) − (1 − t)·log(1 − σ(z)) = Σ log(1 + e^z) − t·z, written so large |z| cannot overflow. */
function plattLoss(margins: Float64Array, target: (i: number) => number, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) {
    const z = a * margins[i]! + b;
    sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target(i) * z;
  }
  return sum;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
