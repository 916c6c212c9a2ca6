import { describe, expect, it } from "vitest";
import { createRng, normal } from "../../random";
import { descendingOrder } from "./order";

const byComparator = (s: Float64Array) => Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[b]! - s[a]! || a - b);

describe("descendingOrder", () => {
  it("orders by score descending, ties by index", () => {
    expect(Array.from(descendingOrder(Float64Array.from([0.2, 0.9, 0.2, -1, 0.9, 0])))).toEqual([1, 4, 0, 2, 5, 3]);
  });

  it("gives the comparator's order on large inputs (the radix path), negatives, zeros and ties included", () => {
    const rng = createRng(4);
    const n = 20000;
    const kinds = [
      () => normal(rng, 0, 3),
      () => Math.round(normal(rng, 0, 2) * 4) / 4,
      () => (rng.next() < 0.5 ? -0 : 0),
      () => Math.round(rng.next() * 100) / 100,
      () => (rng.next() - 0.5) * 1e300,
      () => (rng.next() - 0.5) * 1e-300,
    ];
    for (const [k, draw] of kinds.entries()) {
      const s = Float64Array.from({ length: n }, draw);
      expect(Array.from(descendingOrder(s)), `kind ${k}`).toEqual(byComparator(s));
    }
    const mixed = Float64Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!());
    expect(Array.from(descendingOrder(mixed))).toEqual(byComparator(mixed));
  });
});
