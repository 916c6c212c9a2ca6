import { describe, expect, it } from "vitest";
import { csrFromRows, csrFromTriplets, rowIndices, transpose } from "./csr";
import { selectTopN } from "./top-n";
import { pack, unpackF32, unpackI32 } from "../codec";

describe("csr", () => {
  it("sorts columns within a row and sums repeated pairs", () => {
    const m = csrFromTriplets(2, 4, [1, 0, 1, 1], [3, 2, 0, 3], [1, 2, 3, 4]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(m.indices)).toEqual([2, 0, 3]);
    expect(Array.from(m.values)).toEqual([2, 3, 5]);
  });
  it("names a triplet outside the shape", () => {
    expect(() => csrFromTriplets(2, 2, [0, 2], [0, 0], [1, 1])).toThrow("csr: triplet 1 has row 2, outside 0..1");
  });
  it("transposes with sorted rows", () => {
    const t = transpose(csrFromRows(3, [[0, 2], [1], [0, 1, 2]]));
    expect([0, 1, 2].map((i) => Array.from(rowIndices(t, i)))).toEqual([[0, 2], [1, 2], [0, 2]]);
  });
});

describe("selectTopN", () => {
  it("keeps the n best, ties to the lower index, skipping exclusions, seen items and -Infinity", () => {
    const scores = [0.5, 0.9, 0.5, -Infinity, 0.9, 0.1, 0.7];
    const exclude = new Uint8Array(7);
    exclude[6] = 1;
    const top = selectTopN(scores, 3, exclude, Int32Array.from([1]));
    expect(Array.from(top.items)).toEqual([4, 0, 2]);
    expect(Array.from(selectTopN(scores, 10).items)).toEqual([1, 4, 6, 0, 2, 5]);
  });
});

describe("codec", () => {
  it("round-trips typed arrays through base64", () => {
    expect(Array.from(unpackF32(pack(Float32Array.from([1.5, -2, 0]))))).toEqual([1.5, -2, 0]);
    expect(Array.from(unpackI32(JSON.parse(JSON.stringify(pack(Int32Array.from([7, -1]))))))).toEqual([7, -1]);
    expect(() => unpackF32(pack(Int32Array.from([1])), "weights")).toThrow("weights: expected a packed f32 array");
  });
});

describe("registry", () => {
  it("knows only its own algorithms", async () => {
    const { isAlgorithm, recommenderNamed } = await import("./registry");
    expect(isAlgorithm("item-knn")).toBe(true);
    expect(isAlgorithm("toString")).toBe(false);
    expect(() => recommenderNamed("toString")).toThrow('unknown algorithm "toString"');
  });
});
