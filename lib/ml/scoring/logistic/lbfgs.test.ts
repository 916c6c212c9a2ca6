import { describe, expect, it } from "vitest";
import { minimiseLbfgs, type Objective } from "./lbfgs";

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0]!, x[1]!];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe("minimiseLbfgs", () => {
  it("finds the Rosenbrock minimum (1, 1) from (−1.2, 1)", () => {
    const r = minimiseLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gradientTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.value).toBeLessThan(1e-16);
    expect(r.iterations).toBeLessThan(100);
  });

  it("minimises a quadratic ½xᵀAx − bᵀx at A⁻¹b", () => {
    // A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], b = (1, 2, 3): A⁻¹b = (2, 1, 13) / 9 (check: A·(2, 1, 13) = (9, 18, 27)).
    const A = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const b = [1, 2, 3];
    const f: Objective = (x, g) => {
      let v = 0;
      for (let i = 0; i < 3; i++) {
        let ax = 0;
        for (let j = 0; j < 3; j++) ax += A[i * 3 + j]! * x[j]!;
        g[i] = ax - b[i]!;
        v += 0.5 * x[i]! * ax - b[i]! * x[i]!;
      }
      return v;
    };
    const r = minimiseLbfgs(f, new Float64Array(3), { gradientTolerance: 1e-12, functionTolerance: 0 });
    expect(r.converged).toBe(true);
    [2 / 9, 1 / 9, 13 / 9].forEach((v, i) => expect(r.x[i]).toBeCloseTo(v, 10));
    // On a quadratic in n dimensions, exact line searches would finish in n steps; Wolfe steps take a few more.
    expect(r.iterations).toBeLessThan(15);
  });

  it("stops at once where the gradient already vanishes, and honours maxIterations", () => {
    const atMin = minimiseLbfgs(rosenbrock, Float64Array.of(1, 1));
    expect(atMin).toMatchObject({ iterations: 0, converged: true, value: 0 });
    const capped = minimiseLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 3, functionTolerance: 0 });
    expect(capped.iterations).toBe(3);
    expect(capped.converged).toBe(false);
  });

  it("does not change the starting point it is given", () => {
    const x0 = Float64Array.of(-1.2, 1);
    minimiseLbfgs(rosenbrock, x0);
    expect(Array.from(x0)).toEqual([-1.2, 1]);
  });

  it("refuses bad settings and a non-finite start, naming them", () => {
    expect(() => minimiseLbfgs(rosenbrock, Float64Array.of(0, 0), { memory: 0 })).toThrow("memory must be a whole number of at least 1, got 0");
    expect(() => minimiseLbfgs(rosenbrock, Float64Array.of(0, 0), { gradientTolerance: -1 })).toThrow("gradientTolerance must be at least 0, got -1");
    expect(() => minimiseLbfgs(() => Number.NaN, Float64Array.of(0))).toThrow("the objective is NaN at the starting point");
  });
});
