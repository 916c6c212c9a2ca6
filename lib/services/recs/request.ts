// The query of a recommendations request, checked once for the API and the preview page alike.
import { z } from "zod";
import { isAlgorithm, RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import type { Exclusions } from "./serving";

const list = (what: string) =>
  z
    .string()
    .max(10_000)
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .refine((a) => a.length <= 1000, `${what}: at most 1,000 values`);

const price = z.coerce.number().finite().min(0, "must be 0 or more");

export const RecommendationQuery = z
  .object({
    n: z.coerce.number().int("n must be a whole number").min(1, "n must be at least 1").max(100, "n must be at most 100").default(10),
    algorithm: z
      .string()
      .default("hybrid")
      .refine(isAlgorithm, { message: `algorithm must be one of ${Object.keys(RECOMMENDERS).join(", ")}` })
      .transform((a) => a as AlgorithmName),
    includeBought: z.enum(["0", "1", "true", "false"]).optional(),
    includeInactive: z.enum(["0", "1", "true", "false"]).optional(),
    excludeProducts: list("excludeProducts")
      .refine((a) => a.every((x) => /^\d{1,9}$/.test(x)), "excludeProducts: give product ids separated by commas")
      .transform((a) => a.map(Number))
      .optional(),
    excludeCategories: list("excludeCategories").optional(),
    minPrice: price.optional(),
    maxPrice: price.optional(),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, { message: "minPrice must not be above maxPrice", path: ["minPrice"] });
export type RecommendationQuery = z.infer<typeof RecommendationQuery>;

const yes = (v: string | undefined) => v === "1" || v === "true";

export function exclusionsOf(q: RecommendationQuery): Exclusions {
  return {
    excludeBought: !yes(q.includeBought),
    excludeInactive: !yes(q.includeInactive),
    productIds: q.excludeProducts,
    categories: q.excludeCategories,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
  };
}
