// One instance of the kernels in kernels.wat with memory for `bytes` bytes. Each caller gets its own instance
// and memory, so nothing is kept once it is dropped. V8 does not vectorise JavaScript: a Float64Array loop
// does one multiply-add at a time, these do two per instruction.
import { WASM_BYTES } from "./kernels.wasm";
import { MlRangeError } from "../errors";

export interface Kernels {
  readonly memory: WebAssembly.Memory;
  dot(a: number, b: number, len: number): number;
  dot2x4(x: number, y: number, stride: number, len: number, out: number): void;
  solveRows(g: number, y: number, f: number, indptr: number, indices: number, values: number, rows: number, alpha: number, x: number, steps: number, s: number): void;
  addGram(g: number, y: number, rows: number, f: number): void;
  lossRows(g: number, y: number, f: number, indptr: number, indices: number, values: number, rows: number, alpha: number, x: number, s: number): number;
  seedTrials(x: number, n: number, d: number, cands: number, trials: number, closest: number, dist: number, pot: number): void;
  nearestTwo(x: number, i: number, d: number, cents: number, k: number, upper: number, lower: number): number;
  assignAll(x: number, n: number, d: number, cents: number, k: number, labels: number, upper: number, lower: number): void;
  reassign(x: number, n: number, d: number, cents: number, k: number, labels: number, upper: number, lower: number, moved: number, half: number, maxMove: number, maxMoveAt: number, secondMove: number, sums: number, counts: number): number;
  firstNonFinite(x: number, len: number): number;
  columnMoments(x: number, n: number, d: number, mean: number, variance: number): void;
}

const PAGE_BYTES = 65536;
/** WebAssembly's 32-bit memory: 65,536 pages of 64 KiB. */
export const MAX_BYTES = 65536 * PAGE_BYTES;

let compiled: WebAssembly.Module | undefined;

/** Throws a RangeError, naming `what`, beyond 4 GiB. */
export function instantiateKernels(bytes: number, what: string): Kernels {
  if (bytes > MAX_BYTES) throw new MlRangeError(`${what} needs ${bytes.toLocaleString("en")} bytes, more than the ${MAX_BYTES.toLocaleString("en")} (4 GiB) a WebAssembly workspace can hold`);
  compiled ??= new WebAssembly.Module(WASM_BYTES);
  const kernels = new WebAssembly.Instance(compiled).exports as unknown as Kernels;
  const pages = Math.ceil(bytes / PAGE_BYTES) - kernels.memory.buffer.byteLength / PAGE_BYTES;
  try {
    if (pages > 0) kernels.memory.grow(pages);
  } catch (e) {
    throw new MlRangeError(`${what} needs ${bytes.toLocaleString("en")} bytes of memory, which this machine would not give: ${e instanceof Error ? e.message : String(e)}`);
  }
  return kernels;
}

/** Lays regions out one after another, each 16-byte aligned, and says where each one starts. */
export class Layout {
  bytes = 0;

  /** Room for `count` values of `size` bytes; returns its byte offset. */
  take(count: number, size: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil((count * size) / 16) * 16;
    return at;
  }
}
