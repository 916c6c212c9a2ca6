// Zod shapes of the packed typed arrays stored results carry (lib/ml/recs/codec.ts). Only the envelope is
// checked here, so a parse stays cheap on a result of many megabytes: the bytes are checked against the
// dtype and length when a service unpacks them (unpackI32 and friends), as they always were.
import { z } from "zod";
import type { PackedArray as CodecPackedArray } from "../ml/codec";
import type { PackedCsr as CodecPackedCsr } from "../ml/recs/model-support";

export const PackedArray = z.object({
  dtype: z.enum(["f32", "f64", "i32"]),
  length: z.number().int().min(0),
  base64: z.string(),
}) satisfies z.ZodType<CodecPackedArray>;

export const PackedCsr = z.object({
  rows: z.number().int().min(0),
  cols: z.number().int().min(0),
  indptr: PackedArray,
  indices: PackedArray,
  values: PackedArray,
}) satisfies z.ZodType<CodecPackedCsr>;
