// Defaults for analyseAbTest, merged and checked in one place.
import { MlRangeError } from "../ml/errors";
import { checkOpenUnit } from "./checks";
import { DEFAULT_SEQUENTIAL_TUNING } from "./sequential";
import type { AbTestOptions } from "./types";

export const DEFAULT_AB_OPTIONS: AbTestOptions = {
  method: "frequentist",
  confidence: 0.95,
  correction: "holm",
  prior: { alpha: 1, beta: 1 },
  sequentialTuning: DEFAULT_SEQUENTIAL_TUNING,
  equivalenceMargin: 0.02,
  cuped: true,
  power: 0.8,
  higherIsBetter: true,
};

const METHODS: readonly AbTestOptions["method"][] = ["frequentist", "bayesian", "sequential"];
const CORRECTIONS: readonly AbTestOptions["correction"][] = ["holm", "benjamini-hochberg"];

export function resolveOptions(options: Partial<AbTestOptions> = {}): AbTestOptions {
  const o: AbTestOptions = { ...DEFAULT_AB_OPTIONS, ...options, prior: { ...DEFAULT_AB_OPTIONS.prior, ...options.prior } };
  if (!METHODS.includes(o.method)) throw new MlRangeError(`method must be one of ${METHODS.join(", ")}, got ${String(o.method)}`);
  if (!CORRECTIONS.includes(o.correction)) throw new MlRangeError(`correction must be one of ${CORRECTIONS.join(", ")}, got ${String(o.correction)}`);
  checkOpenUnit(o.confidence, "confidence");
  checkOpenUnit(o.power, "power");
  for (const [k, v] of Object.entries(o.prior)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new MlRangeError(`prior.${k} must be > 0, got ${v}`);
  }
  if (!(o.sequentialTuning > 0) || !Number.isFinite(o.sequentialTuning)) {
    throw new MlRangeError(`sequentialTuning must be > 0, got ${o.sequentialTuning}`);
  }
  if (!(o.equivalenceMargin >= 0) || !Number.isFinite(o.equivalenceMargin)) {
    throw new MlRangeError(`equivalenceMargin must be a finite share >= 0, got ${o.equivalenceMargin}`);
  }
  return o;
}
