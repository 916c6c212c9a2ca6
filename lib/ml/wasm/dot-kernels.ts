// The SIMD inner products of dot-kernels.wat over a workspace of f64 values in WebAssembly memory. V8 does
// not vectorise JavaScript, so a plain Float64Array loop does one multiply-add at a time; these do two per
// instruction on contiguous row segments, which is what the dense algebra in ../linalg spends its time in.
// Each workspace is its own instance with its own memory, so nothing is kept once it is dropped.
import { WASM_BYTES } from "./dot-kernels.wasm";

interface Exports {
  memory: WebAssembly.Memory;
  dot(a: number, b: number, len: number): number;
  dot2x4(x: number, y: number, stride: number, len: number, out: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** Eight f64 results come first; the workspace's values start after them. */
const RESULTS_BYTES = 64;
const PAGE_BYTES = 65536;

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

/** WebAssembly's 32-bit memory: 65,536 pages of 64 KiB. */
const MAX_BYTES = 65536 * PAGE_BYTES;

/** A fresh workspace of `values` f64 values (zeroed). Throws a RangeError beyond 4 GiB. */
export function createDotKernels(values: number): DotKernels {
  const needed = RESULTS_BYTES + values * 8;
  if (needed > MAX_BYTES) throw new RangeError(`${values.toLocaleString("en")} values do not fit in a WebAssembly workspace (at most ${Math.floor((MAX_BYTES - RESULTS_BYTES) / 8).toLocaleString("en")})`);
  compiled ??= new WebAssembly.Module(WASM_BYTES);
  const exports = new WebAssembly.Instance(compiled).exports as unknown as Exports;
  const pages = Math.ceil(needed / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > 0) exports.memory.grow(pages);
  const buffer = exports.memory.buffer;
  const { dot, dot2x4 } = exports;
  return {
    a: new Float64Array(buffer, RESULTS_BYTES, values),
    out: new Float64Array(buffer, 0, 8),
    dot: (ia, ib, len) => dot(RESULTS_BYTES + ia * 8, RESULTS_BYTES + ib * 8, len),
    dot2x4: (x, y, n, len) => dot2x4(RESULTS_BYTES + x * 8, RESULTS_BYTES + y * 8, n * 8, len, 0),
  };
}
