import { describe, expect, it } from "vitest";
import { logisticRegression as lr } from "./logistic";
import { oddsRatios, type OddsRatioReport } from "./odds-ratios";
import { syntheticTable, tinyTable, twoByTwo, TINY_X1 } from "./test-tables";

const Z = 1.959963984540054;

function ratiosOf(report: OddsRatioReport) {
  if ("skipped" in report) throw new Error(report.skipped);
  return report;
}

describe("oddsRatios", () => {
  it("gives ad/bc with Woolf's interval for a single binary feature, as l2 → 0", () => {
    // treated: a = 7 positive, b = 3 negative; control: c = 4, d = 8. Control (12 rows) is the reference.
    const [a, b, c, d] = [7, 3, 4, 8];
    const { model } = lr.fit(twoByTwo(), { minLevelCount: 1, l2: 1e-10, tolerance: 1e-12, maxIterations: 10000 });
    const r = ratiosOf(oddsRatios(model, twoByTwo())).oddsRatios;
    expect(r).toHaveLength(1);
    const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
    const or = (a * d) / (b * c);
    expect(r[0]).toMatchObject({ feature: "arm", level: "treated", reference: "control", per: "level" });
    expect(r[0]!.oddsRatio).toBeCloseTo(or, 4);
    expect(r[0]!.standardError).toBeCloseTo(se, 4);
    expect(r[0]!.low).toBeCloseTo(or * Math.exp(-Z * se), 4);
    expect(r[0]!.high).toBeCloseTo(or * Math.exp(Z * se), 4);
  });

  it("gives the MLE's standard errors as l2 → 0", () => {
    // Newton–Raphson (numpy) on the reference-coded design [1, z(x1), z(x2), green, blue, other] of tinyTable(),
    // SE = sqrt(diag((Xᵀ diag(p(1 − p)) X)⁻¹)): intercept 1.0890761938, then the five below.
    const { model } = lr.fit(tinyTable(), { minLevelCount: 3, l2: 1e-10, tolerance: 1e-12, maxIterations: 10000 });
    const report = ratiosOf(oddsRatios(model, tinyTable()));
    const byName = Object.fromEntries(report.oddsRatios.map((o) => [o.level ?? o.feature, o]));
    expect(Object.keys(byName)).toEqual(["x1", "x2", "green", "blue", "(other)"]);
    expect(byName.x1!.standardError).toBeCloseTo(0.8256188718, 5);
    expect(byName.x2!.standardError).toBeCloseTo(0.7804359186, 5);
    expect(byName.green!.standardError).toBeCloseTo(1.5785503883, 5);
    expect(byName.blue!.standardError).toBeCloseTo(1.9598349169, 5);
    expect(byName["(other)"]!.standardError).toBeCloseTo(2.4814820399, 5);
    expect(byName.green!.logOddsRatio).toBeCloseTo(-1.507014565, 5);
    expect(byName.green!.reference).toBe("red");
    // Per sd and per unit of x1 (population sd of TINY_X1).
    const mean = TINY_X1.reduce((s, v) => s + v, 0) / 16;
    const sd = Math.sqrt(TINY_X1.reduce((s, v) => s + (v - mean) ** 2, 0) / 16);
    expect(byName.x1!.oddsRatio).toBeCloseTo(Math.exp(1.456620412), 4);
    expect(byName.x1!.perUnit!.oddsRatio).toBeCloseTo(Math.exp(1.456620412 / sd), 4);
    expect(byName.x1!.perUnit!.high).toBeCloseTo(Math.exp((1.456620412 + Z * 0.8256188718) / sd), 4);
    expect(report.intercept.standardError).toBeGreaterThan(0);
    expect(report.coefficients.map((c) => c.column.kind)).toEqual(["numeric", "numeric", "level", "level", "level", "other"]);
  });

  it("states a missing indicator against a present value at the mean", () => {
    const t = syntheticTable(200, 4);
    const a = t.features[0]!;
    if (a.kind !== "numeric") throw new Error("fixture");
    const values = Float64Array.from(a.values, (v, i) => (i % 10 === 0 ? Number.NaN : v));
    const withMissing = { ...t, features: [{ ...a, values }, t.features[1]!, t.features[2]!] };
    const { model } = lr.fit(withMissing);
    const missing = ratiosOf(oddsRatios(model, withMissing)).oddsRatios.find((o) => o.level === "(missing)")!;
    expect(missing).toMatchObject({ feature: "a", reference: "(present, at the training mean)", per: "level" });
    expect(missing.oddsRatio).toBeCloseTo(Math.exp(model.weights[model.encoder.features[0]!.kind === "numeric" ? model.encoder.features[0]!.missingColumn : -1]!), 12);
  });

  it("skips, saying why, past maxColumns", () => {
    const { model } = lr.fit(syntheticTable(100, 5), { maxOneHotLevels: 2, hashBuckets: 4096 });
    expect(oddsRatios(model, syntheticTable(100, 5))).toEqual({ skipped: "4098 encoded columns, more than 2000: the covariance matrix would have 16,801,801 entries" });
  });
});
