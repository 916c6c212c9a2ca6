import { describe, expect, it } from "vitest";
import { evaluateUplift } from "./evaluate-uplift";
import { syntheticCampaign } from "./test-fixtures";

const train = syntheticCampaign(4000, 1);
const test = syntheticCampaign(4000, 2);

describe("evaluateUplift", () => {
  it("fits both models and finds the persuadables on the test rows", () => {
    const results = evaluateUplift(train, test, { base: "gbt", seed: 4, options: { maxIterations: 30, learningRate: 0.2 } });
    expect(results.map((r) => r.kind)).toEqual(["t-learner", "class-transformation"]);
    for (const r of results) {
      expect(r.qini.coefficient).toBeGreaterThan(0.12);
      expect(r.deciles).toHaveLength(10);
      expect(r.deciles.reduce((s, d) => s + d.rows, 0)).toBe(4000);
      expect(r.top.rows).toBe(1200);
      // Treating everyone gains ~0.13 per customer; the top 30% gain more than twice that.
      expect(r.top.observedUplift!).toBeGreaterThan(2 * r.overall.observedUplift!);
      expect(r.top.low!).toBeGreaterThan(r.overall.high!);
      expect(r.overall.rows).toBe(4000);
      expect(r.model.kind).toBe(r.kind);
    }
  });

  it("names bad settings", () => {
    const o = { base: "logistic", seed: 1 } as const;
    expect(() => evaluateUplift(train, test, { ...o, kinds: [] })).toThrow("evaluateUplift: kinds is empty");
    expect(() => evaluateUplift(train, test, { ...o, topShare: 1.5 })).toThrow("evaluateUplift: topShare must be in (0, 1], got 1.5");
    expect(() => evaluateUplift(train, { ...test, treated: new Uint8Array(4000) }, o)).toThrow("evaluateUplift (test rows): there are no treated rows");
    // @ts-expect-error an unknown model kind, as a stored setting might hold
    expect(() => evaluateUplift(train, test, { ...o, kinds: ["s-learner"] })).toThrow('unknown uplift model "s-learner" (models: t-learner, class-transformation)');
  });
});
