import { describe, expect, it } from "vitest";
import { integratePanels, panelEdges, solveIncreasing, T_SINGULAR, tanhSinh } from "./quadrature";
import { expectRel } from "./test-helpers";

describe("tanhSinh", () => {
  it("integrates smooth functions to machine precision", () => {
    expectRel(tanhSinh(Math.sin, 0, Math.PI), 2, 1e-14);
    expectRel(tanhSinh((x) => x * x, -1, 2), 3, 1e-14);
    expect(tanhSinh(Math.exp, 1, 1)).toBe(0);
  });

  it("copes with integrable endpoint singularities given the long t axis: ∫₀¹ x^(−½) = 2, ∫₀¹ ln x = −1", () => {
    expectRel(tanhSinh((x) => 1 / Math.sqrt(x), 0, 1, T_SINGULAR), 2, 1e-12);
    expectRel(tanhSinh(Math.log, 0, 1, T_SINGULAR), -1, 1e-12);
  });
});

describe("integratePanels", () => {
  it("keeps a narrow peak and a kink: ∫ of a N(0.3, 1e-4²) density is 1, ∫₀¹ |x − 0.37| = 0.2669", () => {
    const sd = 1e-4;
    const pdf = (x: number) => Math.exp(-0.5 * ((x - 0.3) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
    expectRel(integratePanels(pdf, panelEdges(0.3, sd, 0, 1)), 1, 1e-12);
    // 0.37²/2 + 0.63²/2 = 0.06845 + 0.19845
    expectRel(integratePanels((x) => Math.abs(x - 0.37), [0, 1], [0.37]), 0.2669, 1e-13);
  });
});

describe("solveIncreasing", () => {
  it("finds √2 and refuses a bracket without a root", () => {
    expectRel(solveIncreasing((x) => x * x - 2, 0, 2, 1e-15), Math.SQRT2, 1e-14);
    expect(() => solveIncreasing((x) => x, 1, 2, 1e-12)).toThrow("solveIncreasing: [1, 2] does not bracket a root");
  });
});
