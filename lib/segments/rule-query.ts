// The rule builder's live count takes its rule as JSON in the query (GET /api/segments/count?rule=…).
import { z } from "zod";
import { RuleNode } from "./rules";

// A rule of 100 conditions is a few kilobytes; the cap keeps a hostile URL from being parsed at length.
export const RuleCountQuery = z.object({
  rule: z
    .string()
    .max(20_000, "the rule is too long")
    .describe('The rule as JSON, e.g. {"all":[{"field":"age","op":"gte","value":18}]}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "the rule must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(RuleNode),
});
