import { describe, expect, it } from "vitest";
import { createDotKernels } from "./dot-kernels";

describe("dot kernels", () => {
  // Small integers, so every sum is exact whatever the order of the adds.
  const values = 9 * 23 + 5;
  const k = createDotKernels(values);
  for (let i = 0; i < values; i++) k.a[i] = ((i * 7) % 11) - 5;
  const plainDot = (ia: number, ib: number, len: number) => {
    let s = 0;
    for (let j = 0; j < len; j++) s += k.a[ia + j]! * k.a[ib + j]!;
    return s;
  };

  it("dot equals the plain sum for every length and offset, odd ones included", () => {
    for (const len of [0, 1, 2, 3, 4, 5, 7, 8, 9, 31]) {
      for (const [ia, ib] of [[0, 0], [1, 6], [3, 40], [13, 2]] as const) expect(k.dot(ia, ib, len), `len ${len} at ${ia}, ${ib}`).toBe(plainDot(ia, ib, len));
    }
  });

  it("dot2x4 gives the eight dots of two rows against four, at any stride", () => {
    for (const [x, y, n, len] of [[0, 0, 9, 9], [1, 5, 23, 17], [2, 3, 22, 0], [7, 11, 23, 1], [4, 1, 10, 6]] as const) {
      k.dot2x4(x, y, n, len);
      const expected = [0, 1].flatMap((r) => [0, 1, 2, 3].map((q) => plainDot(x + r * n, y + q * n, len)));
      expect(Array.from(k.out), `${x}, ${y}, ${n}, ${len}`).toEqual(expected);
    }
  });

  it("refuses a workspace beyond WebAssembly's 4 GiB, saying how much it needs", () => {
    expect(() => createDotKernels(23_171 * 23_171)).toThrow("a workspace of 536,895,241 values needs 4,295,162,000 bytes, more than the 4,294,967,296 (4 GiB) a WebAssembly workspace can hold");
  });

  it("gives each workspace its own zeroed memory", () => {
    const other = createDotKernels(4);
    expect(Array.from(other.a)).toEqual([0, 0, 0, 0]);
    other.a[0] = 3;
    expect(k.a[0]).toBe(-5);
  });
});
