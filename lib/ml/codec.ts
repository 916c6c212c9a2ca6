// Models hold typed arrays while in use and travel in one of two forms:
// - JSON (a Job row's result, a file): big arrays go as base64 of their bytes. An EASE model over 5,000 items
//   is 25M floats, ~100 MB as bytes and ~3× that as a JSON number list.
// - binary (encodeBinary/decodeBinary, the trained recommenders' own table): a small JSON header and the
//   arrays' bytes as they are, read back as views over the one buffer. At a million customers the models
//   are hundreds of megabytes: base64 adds a third, and a JSON string of them is one more copy held whole
//   while it is written and while it is parsed.
// `pack` returns a Packed, which JSON.stringify writes as base64 (toJSON) and encodeBinary as bytes, so a
// model's toJSON serves both. Little-endian, as on every machine we run on.
import { MlRangeError } from "./errors";

type Typed = Float32Array | Float64Array | Int32Array;
type Dtype = "f32" | "f64" | "i32";

/** A packed array as JSON holds it. */
export interface PackedJson {
  readonly dtype: Dtype;
  readonly length: number;
  readonly base64: string;
}

/** A typed array on its way out (or back in, from the binary form), without a copy. */
export class Packed {
  constructor(readonly array: Typed) {}
  get dtype(): Dtype {
    return dtypeOf(this.array);
  }
  get length(): number {
    return this.array.length;
  }
  toJSON(): PackedJson {
    const a = this.array;
    return { dtype: this.dtype, length: a.length, base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64") };
  }
}

/** What a model's JSON holds for an array: the base64 form read from JSON, or a Packed. */
export type PackedArray = PackedJson | Packed;

const dtypeOf = (a: Typed): Dtype => (a instanceof Float32Array ? "f32" : a instanceof Float64Array ? "f64" : "i32");
const WIDTH: Record<Dtype, number> = { f32: 4, f64: 8, i32: 4 };
const ARRAY: Record<Dtype, Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor> = { f32: Float32Array, f64: Float64Array, i32: Int32Array };

export function pack(a: Typed): Packed {
  return new Packed(a);
}

function unpack<T extends Typed>(p: PackedArray, dtype: Dtype, what: string): T {
  if (p instanceof Packed) {
    if (p.dtype !== dtype) throw new MlRangeError(`${what}: expected a packed ${dtype} array, got ${p.dtype}`);
    return p.array as T;
  }
  if (!p || typeof p !== "object" || p.dtype !== dtype || typeof p.base64 !== "string") throw new MlRangeError(`${what}: expected a packed ${dtype} array`);
  const bytes = Buffer.from(p.base64, "base64");
  if (bytes.byteLength !== p.length * WIDTH[dtype]) throw new MlRangeError(`${what}: ${bytes.byteLength} bytes for ${p.length} values`);
  // Copy into a fresh, aligned buffer: Buffer's pool offset need not be a multiple of 8.
  return new ARRAY[dtype](new Uint8Array(bytes).buffer) as T;
}

export function unpackF32(p: PackedArray, what = "array"): Float32Array {
  return unpack(p, "f32", what);
}

export function unpackF64(p: PackedArray, what = "array"): Float64Array {
  return unpack(p, "f64", what);
}

export function unpackI32(p: PackedArray, what = "array"): Int32Array {
  return unpack(p, "i32", what);
}

/** Checks the header of a loaded model and says what is wrong. */
export function checkHeader(json: unknown, kind: string, version: number): Record<string, unknown> {
  if (!json || typeof json !== "object") throw new MlRangeError(`not a model of kind ${kind}: got ${json === null ? "null" : typeof json}`);
  const o = json as Record<string, unknown>;
  if (o.kind !== kind || o.version !== version) throw new MlRangeError(`not a model of kind ${kind}, version ${version} (kind ${String(o.kind)}, version ${String(o.version)})`);
  return o;
}

// ---- The binary form ---------------------------------------------------------------------------------------
// "MLB1", the header's length (u32), the header (UTF-8 JSON, in which each Packed is {"$at": offset, dtype,
// length} with the offset counted from the body's start), zero padding to a multiple of 8, then the body: each
// array's bytes, each starting on a multiple of 8 so Float64Array views need no copy.

const MAGIC = [0x4d, 0x4c, 0x42, 0x31];
const PAD = new Uint8Array(8);
const align8 = (n: number) => (n + 7) & ~7;

/** `json` (a model's toJSON output) as a list of byte chunks to write one after the other. */
export function encodeBinary(json: unknown): Uint8Array[] {
  const body: Uint8Array[] = [];
  let at = 0;
  const walk = (v: unknown): unknown => {
    if (v instanceof Packed) {
      const a = v.array;
      const marker = { $at: at, dtype: v.dtype, length: a.length };
      body.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const padded = align8(a.byteLength);
      if (padded > a.byteLength) body.push(PAD.subarray(0, padded - a.byteLength));
      at += padded;
      return marker;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && !ArrayBuffer.isView(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const header = Buffer.from(JSON.stringify(walk(json)), "utf8");
  const start = align8(8 + header.byteLength);
  const head = new Uint8Array(start);
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, header.byteLength, true);
  head.set(header, 8);
  return [head, ...body];
}

/** The total length of encodeBinary's chunks. */
export const byteLengthOf = (chunks: readonly Uint8Array[]) => chunks.reduce((a, c) => a + c.byteLength, 0);

/** encodeBinary's output back, every array a Packed viewing `bytes` (copied only when misaligned). */
export function decodeBinary(bytes: Uint8Array, what = "model"): unknown {
  if (bytes.byteLength < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new MlRangeError(`${what}: not a stored model (its first bytes are not MLB1)`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const start = align8(8 + headerLength);
  if (start > bytes.byteLength) throw new MlRangeError(`${what}: its header runs past its ${bytes.byteLength} bytes`);
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLength).toString("utf8");
  return JSON.parse(header, (_key, v: unknown) => {
    if (!v || typeof v !== "object" || !("$at" in v)) return v;
    const { $at, dtype, length } = v as { $at: unknown; dtype: unknown; length: unknown };
    if (typeof $at !== "number" || typeof length !== "number" || typeof dtype !== "string" || !(dtype in WIDTH)) throw new MlRangeError(`${what}: a damaged array marker in its header`);
    const d = dtype as Dtype;
    const from = start + $at;
    const size = length * WIDTH[d];
    if (from + size > bytes.byteLength) throw new MlRangeError(`${what}: an array of ${length} values runs past its ${bytes.byteLength} bytes`);
    const offset = bytes.byteOffset + from;
    const Ctor = ARRAY[d];
    const array = offset % WIDTH[d] === 0 ? new Ctor(bytes.buffer as ArrayBuffer, offset, length) : new Ctor(bytes.slice(from, from + size).buffer as ArrayBuffer);
    return new Packed(array);
  });
}
