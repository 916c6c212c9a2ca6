// The clustering run's stored shapes: what a job writes reads back the same, rows from before versions
// are migrated, and a newer or damaged row is refused rather than misread.
import { describe, expect, it } from "vitest";
import { UserError } from "../../errors";
import { pack } from "../../ml/codec";
import { readStored, StoredShapeError } from "../../stored-json";
import { CLUSTER_SHAPES, ClusterRequest, type ClusterResult } from "./clusters";

// Two clusters of customers 10, 11, 12: sizes 2 and 1. The silhouette of this made-up fit is NaN, which
// JSON stores as null.
const result: ClusterResult = {
  version: 1,
  customers: 3,
  asOf: "2026-03-26",
  features: ["monetary", "share:Garden"],
  transform: "log1p-zscore",
  k: 2,
  suggestion: { reason: "the largest silhouette", tried: [{ k: 2, inertia: 1.5, silhouette: 0.75 }] },
  inertia: 1.5,
  iterations: 3,
  converged: true,
  silhouette: NaN,
  sizes: [2, 1],
  centroids: [[20, 0.5], [100, 0]],
  profiles: [
    { size: 2, share: 2 / 3, name: "Low spenders", deviations: [{ feature: "monetary", mean: 20, z: -0.7 }], ranges: { monetary: [10, 30] } },
    { size: 1, share: 1 / 3, name: "High spenders", deviations: [{ feature: "monetary", mean: 100, z: 1.4 }], ranges: { monetary: [100, 100] } },
  ],
  names: [null, "Big baskets"],
  scatter: { explained: [0.9, 0.1], points: [[0.5, -0.25, 0], [1, 0, 1]] },
  members: { ids: pack(Int32Array.of(10, 11, 12)).toJSON(), labels: pack(Int32Array.of(0, 0, 1)).toJSON() },
  seconds: 0.25,
};
const stored = () => JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
const read = (value: unknown) => readStored(CLUSTER_SHAPES.result, value, "run 12");

describe("a stored clustering result", () => {
  it("reads back what a job wrote, NaN included", () => {
    expect(stored().silhouette).toBeNull();
    expect(read(stored())).toEqual(result);
  });

  it("reads a result written before versions (the same shape without one) as version 1", () => {
    const { version: _, ...v0 } = stored();
    expect(read(v0)).toEqual(result);
  });

  it("refuses a result from a newer MarketLens with a message saying what to do", () => {
    expect(() => read({ ...stored(), version: 2 })).toThrow(
      new UserError("The stored clustering result of run 12 is in format version 2, written by a newer MarketLens than this one (which reads version 1): run the clustering again on the segments page.", "conflict"),
    );
  });

  it("refuses an old result that lacks what this version needs, as too old rather than damaged", () => {
    const { version: _, profiles: _p, ...v0 } = stored();
    expect(() => read(v0)).toThrow("The stored clustering result of run 12 is in format version 0, which this version of MarketLens cannot read (it reads version 1): run the clustering again on the segments page.");
  });

  it("refuses a damaged result: labels as text instead of a packed array, a feature that does not exist", () => {
    expect(() => read({ ...stored(), members: { ids: result.members!.ids, labels: "0,0,1" } })).toThrow(
      new StoredShapeError("The stored clustering result of run 12 is damaged (members.labels: Invalid input: expected object, received string) and cannot be read: run the clustering again on the segments page."),
    );
    expect(() => read({ ...stored(), features: ["monetary", "shoeSize"] })).toThrow("is damaged (features.1: is not a feature)");
  });
});

describe("stored clustering settings", () => {
  const settings: ClusterRequest = { k: "auto", features: ["recencyDays", "frequency"], transform: "none", seed: 42 };

  it("reads back what the start wrote, and settings from before versions", () => {
    expect(readStored(CLUSTER_SHAPES.parameters, { version: 1, ...settings }, "run 3")).toEqual({ version: 1, ...settings });
    expect(readStored(CLUSTER_SHAPES.parameters, settings, "run 3")).toEqual({ version: 1, ...settings });
  });

  it("checks them as fully as the segments page does: k from 2 to 10, features that exist", () => {
    expect(ClusterRequest.safeParse({ ...settings, k: 11 }).success).toBe(false);
    expect(ClusterRequest.safeParse({ ...settings, k: 2.5 }).success).toBe(false);
    expect(ClusterRequest.safeParse({ ...settings, features: [] }).error?.issues[0]?.message).toBe("choose at least one feature");
    expect(() => readStored(CLUSTER_SHAPES.parameters, { version: 1, ...settings, transform: "log" }, "run 3")).toThrow(StoredShapeError);
  });
});
