// Customer.attributes and Product.attributes: the columns a CSV brings beyond the known fields, stored as
// one flat JSON object of text, numbers, booleans and nulls. Not versioned: there is no structure to
// change, only names and values. Pure (no Prisma), for every reader of the column.
import { z } from "zod";

const FlatValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Imports write flat values; anything nested (from a hand-edited database) reads as its JSON text. */
export const StoredAttributes = z.record(z.string(), z.union([FlatValue, z.unknown().transform((v) => JSON.stringify(v))]));
export type StoredAttributes = z.infer<typeof StoredAttributes>;

/**
 * The attributes of one row. A column that is empty, or holds something other than an object (never
 * written by an import), has no named attributes to read.
 */
export function readAttributes(json: unknown): StoredAttributes {
  const parsed = StoredAttributes.safeParse(json);
  return parsed.success ? parsed.data : {};
}
