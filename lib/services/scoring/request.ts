// The query of a score request, checked once for the API and the customer page alike.
import { z } from "zod";
import { SCORING_KINDS } from "../../ml/scoring/scorer";

const label = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(100, `${what}: at most 100 characters`).optional();

export const ScoreQuery = z.object({
  model: z
    .string()
    .optional()
    .refine((m) => m === undefined || (SCORING_KINDS as readonly string[]).includes(m), { message: `model must be one of ${SCORING_KINDS.join(", ")}` }),
  run: z.coerce.number().int("run must be a whole number").min(1, "run must be a job id").optional(),
  channel: label("channel"),
  adType: label("adType"),
  adPosition: label("adPosition"),
});
export type ScoreQuery = z.infer<typeof ScoreQuery>;
