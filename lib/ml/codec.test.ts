import { describe, expect, it } from "vitest";
import { byteLengthOf, decodeBinary, encodeBinary, pack, Packed, unpackF32, unpackF64, unpackI32 } from "./codec";

const model = () => ({
  kind: "demo",
  version: 1,
  counts: pack(Float32Array.of(1.5, -2, 3)),
  parts: [{ name: "a", ids: pack(Int32Array.of(7, 8, 9, 10, 11)) }, { name: "b", weights: pack(Float64Array.of(Math.PI, -0)) }],
  none: null,
});

function concat(chunks: Uint8Array[], shift = 0): Uint8Array {
  const out = new Uint8Array(byteLengthOf(chunks) + shift);
  let at = shift;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.subarray(shift);
}

describe("packed arrays", () => {
  it("write as base64 in JSON and read back from it", () => {
    const json = JSON.parse(JSON.stringify(model()));
    expect(json.counts).toEqual({ dtype: "f32", length: 3, base64: Buffer.from(Float32Array.of(1.5, -2, 3).buffer).toString("base64") });
    expect([...unpackF32(json.counts)]).toEqual([1.5, -2, 3]);
    expect([...unpackI32(json.parts[0].ids)]).toEqual([7, 8, 9, 10, 11]);
    expect(() => unpackF64(json.counts, "counts")).toThrow("counts: expected a packed f64 array");
    expect(() => unpackF32({ ...json.counts, length: 4 }, "counts")).toThrow("counts: 12 bytes for 4 values");
  });

  it("read a Packed without a copy, and refuse one of another type", () => {
    const a = Float32Array.of(1, 2);
    expect(unpackF32(pack(a))).toBe(a);
    expect(() => unpackI32(pack(a), "ids")).toThrow("ids: expected a packed i32 array, got f32");
  });
});

describe("the binary form", () => {
  it("gives back the same header and arrays, every array 8-aligned as a view of the one buffer", () => {
    const chunks = encodeBinary(model());
    const bytes = concat(chunks);
    expect(bytes.byteLength % 8).toBe(0);
    const back = decodeBinary(bytes) as ReturnType<typeof model>;
    expect(back.kind).toBe("demo");
    expect(back.none).toBeNull();
    expect(back.counts).toBeInstanceOf(Packed);
    expect([...unpackF32(back.counts)]).toEqual([1.5, -2, 3]);
    const ids = unpackI32(back.parts[0]!.ids!);
    expect([...ids]).toEqual([7, 8, 9, 10, 11]);
    expect(ids.buffer).toBe(bytes.buffer);
    expect(Object.is(unpackF64(back.parts[1]!.weights!)[1], -0)).toBe(true);
    // The decoded model writes the same JSON as the original.
    expect(JSON.stringify(back)).toBe(JSON.stringify(model()));
  });

  it("copies an array whose bytes are not aligned for its type", () => {
    const bytes = concat(encodeBinary({ w: pack(Float64Array.of(1, 2, 3)) }), 4);
    expect(bytes.byteOffset % 8).toBe(4);
    const w = unpackF64((decodeBinary(bytes) as { w: Packed }).w);
    expect([...w]).toEqual([1, 2, 3]);
    expect(w.buffer).not.toBe(bytes.buffer);
  });

  it("says what is wrong with bytes that are not a stored model", () => {
    expect(() => decodeBinary(Buffer.from("{\"kind\":1}"), "als")).toThrow("als: not a stored model (its first bytes are not MLB1)");
    const bytes = concat(encodeBinary({ w: pack(Float64Array.of(1, 2, 3)) }));
    expect(() => decodeBinary(bytes.subarray(0, bytes.byteLength - 8), "als")).toThrow("als: an array of 3 values runs past its");
  });
});
