import { describe, expect, it } from "vitest";
import { fromRows } from "./matrix";
import { quintileCuts, RFM_SEGMENTS, rfmSegment, scoreRfm } from "./rfm";
import { silhouetteScore } from "./silhouette";
import { fitTransform, invertTransform } from "./transforms";

const f64 = (xs: number[]) => Float64Array.from(xs);
const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e9) / 1e9);

describe("RFM", () => {
  it("cuts at the 20th, 40th, 60th and 80th percentiles", () => {
    expect(round(quintileCuts(f64([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])))).toEqual([2.8, 4.6, 6.4, 8.2]);
  });

  it("scores a small table and names its segments", () => {
    const s = scoreRfm({ recencyDays: f64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), frequency: f64([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), monetary: f64([50, 40, 45, 30, 20, 25, 10, 12, 5, 1]) });
    expect(Array.from(s.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(s.f)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(s.m)).toEqual([5, 4, 5, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(s.segment, (i) => RFM_SEGMENTS[i]!.name)).toEqual(["Champions", "Champions", "Loyal", "Loyal", "Need attention", "Need attention", "Hibernating", "Hibernating", "Lost", "Lost"]);
  });

  it("gives customers with the same value the same score, however many share it", () => {
    const s = scoreRfm({ recencyDays: f64(Array(10).fill(30)), frequency: f64([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]), monetary: f64(Array(10).fill(9)) });
    expect(round(s.cuts.frequency)).toEqual([1, 1, 1.4, 3.2]);
    expect(Array.from(s.f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(new Set(s.r).size).toBe(1);
  });

  it("names every cell of the recency × frequency grid", () => {
    const grid = [5, 4, 3, 2, 1].map((r) => [1, 2, 3, 4, 5].map((f) => RFM_SEGMENTS[rfmSegment(r, f)]!.name));
    expect(grid).toEqual([
      ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
      ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"],
      ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
      ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
      ["Lost", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ]);
  });
});

describe("silhouette and transforms", () => {
  it("matches a hand-computed silhouette", () => {
    // Rows 0, 1 | 4, 5: the outer rows score 7/9, the inner ones 5/7.
    expect(silhouetteScore(fromRows([[0], [1], [4], [5]]), Int32Array.from([0, 0, 1, 1]))).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
    expect(() => silhouetteScore(fromRows([[0], [1]]), Int32Array.from([0, 0]))).toThrow("the silhouette needs at least 2 clusters with rows");
  });

  it("z-scores, takes log1p first when asked, and maps centroids back to units", () => {
    const { X, fitted } = fitTransform(fromRows([[0, 5], [2, 5], [4, 5]]), "zscore");
    const sd = Math.sqrt(8 / 3);
    expect(Array.from(X.data)).toEqual([-2 / sd, 0, 0, 0, 2 / sd, 0]);
    expect(invertTransform([2 / sd, 0], fitted)).toEqual([4, 5]);
    const logged = fitTransform(fromRows([[0], [Math.E - 1], [-3]]), "log1p-zscore");
    expect(logged.fitted.mean[0]).toBeCloseTo(1 / 3, 12);
    expect(invertTransform([0], logged.fitted)[0]).toBeCloseTo(Math.expm1(1 / 3), 12);
  });
});

describe("cluster profiles", () => {
  it("measures each cluster against the base in standard deviations and names it from the strongest ones", async () => {
    const { profileClusters, nameCluster } = await import("./cluster-profile");
    // Recency, frequency, monetary for four customers; cluster 0 = the two recent big spenders.
    const data = Float64Array.from([2, 10, 1000, 4, 8, 900, 200, 1, 20, 180, 1, 30]);
    const [best, rest] = profileClusters(["recencyDays", "frequency", "monetary"], data, Int32Array.from([0, 0, 1, 1]), 2);
    expect(best).toMatchObject({ size: 2, share: 0.5, name: "Frequent high spenders, bought recently" });
    // Frequency: base 10, 8, 1, 1 (mean 5, sd √16.5); the cluster's mean 9 is (9 − 5) / √16.5 above it.
    expect(best!.deviations.find((d) => d.feature === "frequency")!.z).toBeCloseTo(4 / Math.sqrt(16.5), 12);
    expect(best!.deviations.at(-1)!.feature).toBe("frequency");
    expect(rest!.name).toBe("Occasional low spenders, lapsed");
    // Cluster 0's orders are 10 and 8: its 10th and 90th percentiles are 8.2 and 9.8.
    expect(best!.ranges.frequency![0]).toBeCloseTo(8.2, 12);
    expect(best!.ranges.frequency![1]).toBeCloseTo(9.8, 12);
    expect(nameCluster([{ feature: "monetary", mean: 1, z: 0.2 }])).toBe("Typical customers");
  });
});

describe("RFM movement", () => {
  it("counts moves between segments for customers scored at both dates, and arrivals apart", async () => {
    const { rfmMovement, RFM_SEGMENTS: S } = await import("./rfm");
    const at = (name: string) => S.findIndex((s) => s.name === name);
    const m = rfmMovement(
      { ids: Int32Array.from([1, 2, 3]), segment: Uint8Array.from([at("Loyal"), at("Loyal"), at("New")]) },
      { ids: Int32Array.from([1, 2, 3, 4]), segment: Uint8Array.from([at("At risk"), at("Loyal"), at("Promising"), at("New")]) },
    );
    expect(m.counts[at("Loyal")]![at("At risk")]).toBe(1);
    expect(m.counts[at("Loyal")]![at("Loyal")]).toBe(1);
    expect(m.counts[at("New")]![at("Promising")]).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(m.arrived[at("New")]).toBe(1);
  });
});
