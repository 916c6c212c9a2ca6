// Models hold typed arrays while in use and travel as JSON (a Job row's result, a file). Big arrays go as
// base64 of their bytes: an EASE model over 5,000 items is 25M floats, ~100 MB as bytes and ~3× that as a
// JSON number list. Little-endian, as on every machine we run on.
import { MlRangeError } from "./errors";

export interface PackedArray {
  readonly dtype: "f32" | "f64" | "i32";
  readonly length: number;
  readonly base64: string;
}

type Typed = Float32Array | Float64Array | Int32Array;

export function pack(a: Typed): PackedArray {
  const dtype = a instanceof Float32Array ? "f32" : a instanceof Float64Array ? "f64" : "i32";
  return { dtype, length: a.length, base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64") };
}

function bytesOf(p: PackedArray, dtype: PackedArray["dtype"], what: string): Uint8Array {
  if (!p || typeof p !== "object" || p.dtype !== dtype || typeof p.base64 !== "string") throw new MlRangeError(`${what}: expected a packed ${dtype} array`);
  const bytes = Buffer.from(p.base64, "base64");
  if (bytes.byteLength !== p.length * (dtype === "f64" ? 8 : 4)) throw new MlRangeError(`${what}: ${bytes.byteLength} bytes for ${p.length} values`);
  // Copy into a fresh, aligned buffer: Buffer's pool offset need not be a multiple of 8.
  return new Uint8Array(bytes);
}

export function unpackF32(p: PackedArray, what = "array"): Float32Array {
  return new Float32Array(bytesOf(p, "f32", what).buffer);
}

export function unpackF64(p: PackedArray, what = "array"): Float64Array {
  return new Float64Array(bytesOf(p, "f64", what).buffer);
}

export function unpackI32(p: PackedArray, what = "array"): Int32Array {
  return new Int32Array(bytesOf(p, "i32", what).buffer);
}

/** Checks the header of a loaded model and says what is wrong. */
export function checkHeader(json: unknown, kind: string, version: number): Record<string, unknown> {
  if (!json || typeof json !== "object") throw new MlRangeError(`not a model of kind ${kind}: got ${json === null ? "null" : typeof json}`);
  const o = json as Record<string, unknown>;
  if (o.kind !== kind || o.version !== version) throw new MlRangeError(`not a model of kind ${kind}, version ${version} (kind ${String(o.kind)}, version ${String(o.version)})`);
  return o;
}
