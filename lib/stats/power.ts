// Sample size and minimum detectable effect for a two-sided test of two equal arms. Every kind is
// reduced to a standardised effect d (difference / per-unit sd) and solved on the exact normal power
// curve, both tails included, as statsmodels' NormalIndPower does:
//   power(d, n) = Φ(d·√(n/2) − z) + Φ(−d·√(n/2) − z),  z = Φ⁻¹(1 − α/2).
// Proportions use Cohen's h = 2·asin√p₂ − 2·asin√p₁ (the arcsine makes the variance 1 per unit);
// ratio metrics take the per-unit delta-method variance, which GrowthBook's calculator lacks (#3138).
import { MlRangeError } from "../ml/errors";
import { checkCount, checkOpenUnit } from "./checks";
import { normalCdf, normalQuantile } from "./distributions";
import { solveIncreasing } from "./quadrature";

type Common = { confidence?: number; power?: number };
type Shape =
  | { kind: "proportion"; baseline: number }
  | { kind: "mean"; mean: number; sd: number }
  | { kind: "ratio"; ratio: number; variancePerUnit: number };
export type SampleSizeArgs = Shape & Common & { relativeLift: number };
export type MdeArgs = Shape & Common & { unitsPerArm: number };

export function normalPower(d: number, nPerArm: number, alpha: number): number {
  const z = normalQuantile(1 - alpha / 2);
  const shift = Math.abs(d) * Math.sqrt(nPerArm / 2);
  return normalCdf(shift - z) + normalCdf(-shift - z);
}

/** Units per arm (continuous) at which a test of effect d reaches `power`. */
export function unitsForEffect(d: number, alpha: number, power: number): number {
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const guess = (2 * z * z) / (d * d); // the one-tail answer; the other tail only lowers it (power(0) = α)
  return solveIncreasing((n) => normalPower(d, n, alpha) - power, 0, guess, guess * 1e-12);
}

/** Standardised effect d detectable with `power` at n units per arm. */
export function effectForUnits(nPerArm: number, alpha: number, power: number): number {
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const guess = z * Math.sqrt(2 / nPerArm);
  return solveIncreasing((d) => normalPower(d, nPerArm, alpha) - power, 0, guess, guess * 1e-12);
}

function levels(args: Common): { alpha: number; power: number } {
  const confidence = args.confidence ?? 0.95;
  const power = args.power ?? 0.8;
  checkOpenUnit(confidence, "confidence");
  checkOpenUnit(power, "power");
  // With no data at all a two-sided test already "detects" anything with probability α.
  if (power <= 1 - confidence) throw new MlRangeError(`power ${power} must exceed the false-positive rate ${1 - confidence}`);
  return { alpha: 1 - confidence, power };
}

function checkShape(args: Shape): void {
  if (args.kind === "proportion" && !(args.baseline >= 0 && args.baseline <= 1)) {
    throw new MlRangeError(`baseline must be a rate between 0 and 1, got ${args.baseline}`);
  }
  if (args.kind === "mean") checkCount(args.sd, "sd");
  if (args.kind === "ratio") checkCount(args.variancePerUnit, "variancePerUnit");
}

/** Units per arm to detect `relativeLift` (two-sided); null when there is nothing to detect or no spread. */
export function sampleSizePerArm(args: SampleSizeArgs): number | null {
  const { alpha, power } = levels(args);
  checkShape(args);
  const lift = args.relativeLift;
  if (!(lift > -1) || !Number.isFinite(lift)) throw new MlRangeError(`relativeLift must be a finite number above -1, got ${lift}`);
  let d: number;
  if (args.kind === "proportion") {
    const p2 = args.baseline * (1 + lift);
    if (p2 > 1) throw new MlRangeError(`a baseline of ${args.baseline} lifted by ${lift} is a rate of ${p2}, above 1`);
    d = 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(args.baseline));
  } else if (args.kind === "mean") {
    d = args.sd > 0 ? (args.mean * lift) / args.sd : 0;
  } else {
    d = args.variancePerUnit > 0 ? (args.ratio * lift) / Math.sqrt(args.variancePerUnit) : 0;
  }
  if (d === 0) return null;
  // The root is found to 1e-12; without the shave an exact 5000 could come back as 5000.000000001 → 5001.
  return Math.ceil(unitsForEffect(d, alpha, power) * (1 - 1e-10));
}

/** The smallest relative lift (upwards) detectable with `unitsPerArm`; null when none is. */
export function minimumDetectableEffect(args: MdeArgs): number | null {
  const { alpha, power } = levels(args);
  checkShape(args);
  checkCount(args.unitsPerArm, "unitsPerArm");
  if (args.unitsPerArm === 0) return null;
  const d = effectForUnits(args.unitsPerArm, alpha, power);
  if (args.kind === "proportion") {
    if (args.baseline === 0) return null;
    const angle = Math.asin(Math.sqrt(args.baseline)) + d / 2;
    if (angle >= Math.PI / 2) return null; // even a rate of 1 would not be detected
    const p2 = Math.sin(angle) ** 2;
    return p2 / args.baseline - 1;
  }
  const [centre, sd] = args.kind === "mean" ? [args.mean, args.sd] : [args.ratio, Math.sqrt(args.variancePerUnit)];
  if (centre === 0 || sd === 0) return null;
  return (d * sd) / Math.abs(centre);
}
