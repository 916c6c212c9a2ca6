import { describe, expect, it } from "vitest";
import { cliSandbox, expectSeconds } from "./cli-test-support";

const sandbox = cliSandbox("cli-kmeans");
const { file } = sandbox;
const cli = (...args: string[]) => sandbox.cli("kmeans", ...args);

describe("cli kmeans", () => {
  const points = file("points.csv", "id,x,y,label\n1,0,0,a\n2,0,2,a\n3,2,0,a\n4,2,2,a\n5,10,10,b\n6,10,12,b\n7,12,10,b\n8,12,12,b\n");

  it("clusters the numeric columns and prints one JSON object with centroids in the file's units", () => {
    const r = cli("--file", points, "--k", "2", "--columns", "x,y", "--transform", "none", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rows: 8, columns: ["x", "y"], k: 2, transform: "none", inertia: 16, converged: true, sizes: [4, 4] });
    expect(out.centroids.sort((a: number[], b: number[]) => a[0]! - b[0]!)).toEqual([[1, 1], [11, 11]]);
    expectSeconds(out.seconds);
  });

  it("takes every numeric column when none are named, and says what is wrong otherwise", () => {
    expect(JSON.parse(cli("--file", points, "--k", "2", "--json").stdout).columns).toEqual(["id", "x", "y"]);
    expect(cli("--file", points, "--k", "9", "--columns", "x,y").stderr).toContain("k = 9 is more than the 8 rows to cluster");
    expect(cli("--file", points, "--k", "2", "--columns", "x,label").stderr).toContain('line 2, column "label": "a" is not a number');
    expect(cli("--file", points, "--k", "2", "--columns", "z").stderr).toContain('no column "z" (columns: id, x, y, label)');
    const bad = cli("--file", points, "--k", "2", "--transform", "log");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--transform must be one of none, zscore, log1p-zscore, got "log"');
  });
});

describe("cli segment", () => {
  it("scores RFM and clusters the demo shop, suggesting k with its reason", () => {
    const run = cliSandbox("cli-segment").cli;
    expect(run("seed", "--customers", "300", "--products", "40", "--events", "6000", "--end-date", "2026-11-22").code).toBe(0);
    const r = run("segment", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.customers).toBeGreaterThan(100);
    expect(Object.values(out.rfm as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(out.customers);
    expect(out.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(out.customers);
    expect(out.tried.map((t: { k: number }) => t.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(out.reason).toMatch(/^The inertia curve bends at k = \d+/);
    expect(out.centroids).toHaveLength(out.k);
    expect(run("segment", "--k", "3", "--features", "frequency,colour").stderr).toContain('--features: unknown feature "colour"');
    const fixed = JSON.parse(run("segment", "--k", "3", "--json").stdout);
    expect(fixed).toMatchObject({ k: 3, reason: null, tried: null });
  });
});
