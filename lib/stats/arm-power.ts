// Power read off a running test's own control arm: the smallest lift its current size can detect, and
// the size each arm would need for a lift the person names. The per-unit spread comes from the arm's
// sufficient statistics (the delta-method variance for ratio metrics), so rates, means and ratios share it.
import { summariseArm } from "./moments";
import { minimumDetectableEffect, sampleSizePerArm } from "./power";
import type { ArmMoments } from "./types";

export interface ArmPower {
  /** Units per arm the figures are for. */
  unitsPerArm: number;
  /** Smallest relative lift (upwards) detectable at 80% power, 95% confidence; null with `reason`. */
  minimumDetectableEffect: number | null;
  /** Units per arm to detect `targetLift`; null with `reason`. */
  unitsForTarget: number | null;
  targetLift: number;
  reason: string | null;
}

function shapeOf(control: ArmMoments) {
  const s = summariseArm({ name: "control", moments: control }, "units");
  if (s.value === null || s.variance === null) return { shape: null, reason: s.missing ?? "the control has too few units to estimate its spread" };
  if (control.kind === "proportion") return { shape: { kind: "proportion" as const, baseline: s.value }, reason: null };
  const perUnit = s.variance * s.units;
  if (control.kind === "mean") return { shape: { kind: "mean" as const, mean: s.value, sd: Math.sqrt(perUnit) }, reason: null };
  return { shape: { kind: "ratio" as const, ratio: s.value, variancePerUnit: perUnit }, reason: null };
}

export function armPower(control: ArmMoments, unitsPerArm: number, targetLift = 0.05, confidence = 0.95, power = 0.8): ArmPower {
  const { shape, reason } = shapeOf(control);
  const out: ArmPower = { unitsPerArm, minimumDetectableEffect: null, unitsForTarget: null, targetLift, reason };
  if (!shape) return out;
  if (shape.kind === "proportion" && shape.baseline * (1 + targetLift) > 1) return { ...out, reason: `a ${Math.round(targetLift * 100)}% lift on this rate would exceed 100%` };
  out.minimumDetectableEffect = unitsPerArm > 0 ? minimumDetectableEffect({ ...shape, unitsPerArm, confidence, power }) : null;
  out.unitsForTarget = sampleSizePerArm({ ...shape, relativeLift: targetLift, confidence, power });
  if (out.minimumDetectableEffect === null && out.unitsForTarget === null) out.reason = "the control's values do not vary, so no lift can be measured against it";
  return out;
}
