import { describe, expect, it } from "vitest";
import { csrFromRows, transpose } from "./csr";
import { accumulate, createAccumulator, createNearestHeap, CsrBuilder, drainCosine, keepLargest, keepNearest, rowNorms } from "./similarity";
import { createRng } from "../random";

describe("keepNearest", () => {
  // 40 rows over 6 columns of 0/1 values: many rows share a similarity exactly, so ties decide a lot.
  const rng = createRng(3);
  const rows = Array.from({ length: 40 }, () => [0, 1, 2, 3, 4, 5].filter(() => rng.next() < 0.4));
  const byRow = csrFromRows(6, rows);
  const byCol = transpose(byRow);
  const norms = rowNorms(byRow);

  it("keeps what drainCosine then keepLargest keep: the k largest positive, ties to the lower id, by id", () => {
    for (const k of [0, 1, 3, 7, 50]) {
      for (const shrinkage of [0, 2]) {
        const viaSelection = new CsrBuilder();
        const viaHeap = new CsrBuilder();
        const acc = createAccumulator(byRow.rows);
        const heap = createNearestHeap(k);
        for (let r = 0; r < byRow.rows; r++) {
          const items = byRow.indices.subarray(byRow.indptr[r]!, byRow.indptr[r + 1]!);
          const values = byRow.values.subarray(byRow.indptr[r]!, byRow.indptr[r + 1]!);
          accumulate(acc, items, values, byCol);
          drainCosine(acc, norms, norms[r]!, shrinkage, r);
          keepLargest(acc, k, Infinity, viaSelection);
          accumulate(acc, items, values, byCol);
          keepNearest(acc, norms, norms[r]!, shrinkage, r, k, heap, viaHeap);
          // The accumulator is left clear for the next row.
          expect(acc.sums.every((v) => v === 0) && acc.isTouched.every((v) => v === 0)).toBe(true);
        }
        const a = viaSelection.build(byRow.rows);
        const b = viaHeap.build(byRow.rows);
        expect([Array.from(b.indptr), Array.from(b.indices), Array.from(b.values)], `k ${k}, shrinkage ${shrinkage}`).toEqual([Array.from(a.indptr), Array.from(a.indices), Array.from(a.values)]);
      }
    }
  });

  it("breaks a tie for the last place towards the lower id", () => {
    // Row 0 = {0}; rows 1–4 = {0} too: all four tie at cosine 1, and k = 2 keeps rows 1 and 2.
    const m = csrFromRows(1, [[0], [0], [0], [0], [0]]);
    const acc = createAccumulator(5);
    const out = new CsrBuilder();
    accumulate(acc, Int32Array.from([0]), Float32Array.from([1]), transpose(m));
    keepNearest(acc, rowNorms(m), 1, 0, 0, 2, createNearestHeap(2), out);
    const row = out.build(5);
    expect(Array.from(row.indices)).toEqual([1, 2]);
    expect(Array.from(row.values)).toEqual([1, 1]);
  });

  it("lets a lower id of equal similarity displace a higher one that arrived first", () => {
    // The history has items 0 and 1; rows 3 and 4 hold item 0 (touched first), rows 1 and 2 item 1. All four
    // tie at cosine 1/√2, and k = 2 must keep rows 1 and 2 although 3 and 4 were found first.
    const m = csrFromRows(2, [[0, 1], [1], [1], [0], [0]]);
    const acc = createAccumulator(5);
    const out = new CsrBuilder();
    accumulate(acc, Int32Array.from([0, 1]), Float32Array.from([1, 1]), transpose(m));
    expect(Array.from(acc.touched.subarray(0, acc.count))).toEqual([0, 3, 4, 1, 2]);
    keepNearest(acc, rowNorms(m), Math.SQRT2, 0, 0, 2, createNearestHeap(2), out);
    expect(Array.from(out.build(5).indices)).toEqual([1, 2]);
  });
});
