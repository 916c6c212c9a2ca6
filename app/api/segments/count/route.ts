// GET /api/segments/count?rule=<the rule as JSON>: how many customers a rule matches, and the rule in
// words. The rule builder polls it as the rule is edited: a GET route rather than a server action, since
// actions run one at a time per tab and a count must not wait behind another.
import { z } from "zod";
import { countRuleMembers } from "@/lib/db/segment-rules";
import { parseQuery, route } from "@/lib/http/route";
import { describeRule, RuleNode } from "@/lib/segments/rules";
import type { RuleCount } from "@/app/segments/rule-count";

// A rule of 100 conditions is a few kilobytes; the cap keeps a hostile URL from being parsed at length.
export const RuleCountQuery = z.object({
  rule: z
    .string()
    .max(20_000, "the rule is too long")
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

export const GET = route("rule count", { permission: "dashboards:read", scope: "segments:read" }, async (request) => {
  const { rule } = parseQuery(request, RuleCountQuery);
  const body: RuleCount = { count: await countRuleMembers(rule), description: describeRule(rule) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
