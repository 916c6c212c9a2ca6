import { describe, expect, it } from "vitest";
import { armPower } from "./arm-power";
import { minimumDetectableEffect, sampleSizePerArm } from "./power";

describe("power from a control arm", () => {
  it("reads a proportion's baseline off the arm", () => {
    // 50 clicks in 1,000 impressions: baseline 5%.
    const p = armPower({ kind: "proportion", units: 1000, successes: 50 }, 1000, 0.1);
    expect(p.minimumDetectableEffect).toBe(minimumDetectableEffect({ kind: "proportion", baseline: 0.05, unitsPerArm: 1000 }));
    expect(p.unitsForTarget).toBe(sampleSizePerArm({ kind: "proportion", baseline: 0.05, relativeLift: 0.1 }));
  });

  it("takes a mean's per-unit sd from its sums", () => {
    // Values 1, 2, 3, 4: mean 2.5, sample sd √(5/3).
    const p = armPower({ kind: "mean", units: 4, sum: 10, sumSquares: 30 }, 4, 0.2);
    expect(p.unitsForTarget).toBe(sampleSizePerArm({ kind: "mean", mean: 2.5, sd: Math.sqrt(5 / 3), relativeLift: 0.2 }));
  });

  it("says why there is nothing to compute", () => {
    expect(armPower({ kind: "proportion", units: 0, successes: 0 }, 0).reason).toBe("arm control has no units yet");
    expect(armPower({ kind: "proportion", units: 10, successes: 10 }, 10, 0.05).reason).toBe("a 5% lift on this rate would exceed 100%");
  });
});
