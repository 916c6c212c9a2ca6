// The SIMD inner products of kernels.wat over a workspace of f64 values, for the dense algebra in ../linalg,
// which spends its time in dot products of contiguous row segments.
import { instantiateKernels, Layout } from "./kernels";

export interface DotKernels {
  /** The workspace, `values` long, indexed by the offsets the kernels take. */
  readonly a: Float64Array;
  /** Where dot2x4 leaves its eight results: out[4r + q]. */
  readonly out: Float64Array;
  /** Σ a[ia + k] · a[ib + k] for k < len. */
  dot(ia: number, ib: number, len: number): number;
  /** out[4r + q] = dot(x + r·n, y + q·n, len) for r < 2, q < 4. */
  dot2x4(x: number, y: number, n: number, len: number): void;
}

/** A fresh workspace of `values` f64 values (zeroed). Throws a RangeError beyond 4 GiB. */
export function createDotKernels(values: number): DotKernels {
  const layout = new Layout();
  const out = layout.take(8, 8);
  const a = layout.take(values, 8);
  const k = instantiateKernels(layout.bytes, `a workspace of ${values.toLocaleString("en")} values`);
  const { buffer } = k.memory;
  return {
    a: new Float64Array(buffer, a, values),
    out: new Float64Array(buffer, out, 8),
    dot: (ia, ib, len) => k.dot(a + ia * 8, a + ib * 8, len),
    dot2x4: (x, y, n, len) => k.dot2x4(a + x * 8, a + y * 8, n * 8, len, out),
  };
}
