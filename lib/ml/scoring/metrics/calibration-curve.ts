// The reliability diagram: rows binned by predicted probability, each bin's mean prediction beside the rate
// actually observed, with a Wilson interval so a bin of 12 rows is not read as a miscalibration. Binning
// follows scikit-learn's calibration_curve exactly (edges from linspace or np.percentile, a probability on
// an inner edge falls in the lower bin, empty bins are left out), so its figures can be checked against it.
import { MlRangeError } from "../../errors";
import { wilsonInterval } from "../../../stats/proportion";
import { checkLabelled, checkProbabilities } from "./inputs";

export interface CalibrationBin {
  /** The bin's edges; the first bin includes its lower edge, the others only the upper. */
  readonly lower: number;
  readonly upper: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly count: number;
  readonly positives: number;
  /** Wilson 95% interval of the observed rate. */
  readonly low: number;
  readonly high: number;
}

export interface CalibrationCurve {
  readonly bins: CalibrationBin[];
  /** Expected calibration error: Σ (count / rows) · |observed − predicted| over the bins. */
  readonly ece: number;
}

export interface CalibrationCurveOptions {
  readonly bins: number;
  /** "uniform": equal-width bins on [0, 1]; "quantile": edges at the predictions' quantiles (equal counts). */
  readonly strategy: "uniform" | "quantile";
}

const DEFAULTS: CalibrationCurveOptions = { bins: 10, strategy: "uniform" };

export function calibrationCurve(probs: Float64Array, labels: Uint8Array, options: Partial<CalibrationCurveOptions> = {}): CalibrationCurve {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.bins) || o.bins < 1) throw new MlRangeError(`calibrationCurve: bins must be a whole number of at least 1, got ${o.bins}`);
  if (o.strategy !== "uniform" && o.strategy !== "quantile") throw new MlRangeError(`calibrationCurve: strategy must be "uniform" or "quantile", got "${String(o.strategy)}"`);
  const totals = checkLabelled("calibrationCurve", probs, labels);
  checkProbabilities("calibrationCurve", probs);
  const edges = o.strategy === "uniform" ? uniformEdges(o.bins) : quantileEdges(probs, o.bins);
  const sums = new Float64Array(o.bins);
  const positives = new Float64Array(o.bins);
  const counts = new Float64Array(o.bins);
  for (let i = 0; i < probs.length; i++) {
    const b = binOf(edges, probs[i]!);
    sums[b]! += probs[i]!;
    positives[b]! += labels[i]!;
    counts[b]!++;
  }
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < o.bins; b++) {
    const count = counts[b]!;
    if (count === 0) continue;
    const wilson = wilsonInterval(positives[b]!, count)!;
    const bin = { lower: edges[b]!, upper: edges[b + 1]!, meanPredicted: sums[b]! / count, observedRate: positives[b]! / count, count, positives: positives[b]!, low: wilson.low, high: wilson.high };
    ece += (count / totals.rows) * Math.abs(bin.observedRate - bin.meanPredicted);
    bins.push(bin);
  }
  return { bins, ece };
}

/** np.linspace(0, 1, bins + 1): i · (1 / bins), the last edge exactly 1. */
function uniformEdges(bins: number): Float64Array {
  const step = 1 / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => i * step);
  edges[bins] = 1;
  return edges;
}

/** np.percentile(probs, linspace(0, 1, bins + 1) * 100) with numpy's default linear method, digit for digit. */
function quantileEdges(probs: Float64Array, bins: number): Float64Array {
  const sorted = Float64Array.from(probs).sort();
  const n = sorted.length;
  const edges = uniformEdges(bins);
  return edges.map((q) => {
    const position = ((q * 100) / 100) * (n - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, n - 1);
    const gamma = position - below;
    const a = sorted[below]!;
    const diff = sorted[above]! - a;
    // numpy's _lerp interpolates from the nearer end, so the top edge is exactly the maximum.
    return gamma >= 0.5 ? sorted[above]! - diff * (1 - gamma) : a + diff * gamma;
  });
}

/** np.searchsorted(edges[1:-1], p) (side "left"): the number of inner edges strictly below p. */
function binOf(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid + 1]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
