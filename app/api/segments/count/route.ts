// GET /api/segments/count?rule=<the rule as JSON>: how many customers a rule matches, and the rule in
// words. The rule builder polls it as the rule is edited: a GET route rather than a server action, since
// actions run one at a time per tab and a count must not wait behind another.
import { countRuleMembers } from "@/lib/db/segment-rules";
import { checkRuleFields } from "@/lib/auth/rule-access";
import { API } from "@/lib/http/api-catalogue";
import { parseQuery, route } from "@/lib/http/route";
import { describeRule } from "@/lib/segments/rules";
import type { RuleCount } from "@/app/segments/rule-count";

export const GET = route("rule count", API.ruleCount.access, async (request, _params, caller) => {
  const { rule } = parseQuery(request, API.ruleCount.query);
  checkRuleFields(rule, caller.role);
  const body: RuleCount = { count: await countRuleMembers(rule), description: describeRule(rule) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
