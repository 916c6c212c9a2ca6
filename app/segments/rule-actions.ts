"use server";
// The rule builder's actions: save a rule, delete a saved one. Its live count is a GET route
// (app/api/segments/count/route.ts).
import { z } from "zod";
import { createAction } from "@/lib/action";
import { checkRuleFields } from "@/lib/auth/rule-access";
import { deleteSegment, saveRuleSegment } from "@/lib/db/segments";
import { describeRule, RuleNode } from "@/lib/segments/rules";

export const saveRuleSegmentAction = createAction({
  name: "saveRuleSegment",
  permission: "segments:write",
  input: z.object({ name: z.string().trim().min(1, "give the segment a name").max(120), rule: RuleNode }),
  revalidate: ["/segments"],
  audit: (_input, data: { id: number; memberCount: number } | null) => ({ target: data ? `segment ${data.id}` : null, detail: data ? { members: data.memberCount } : undefined }),
  run: async ({ name, rule }, { caller }) => {
    checkRuleFields(rule, caller.role);
    const saved = await saveRuleSegment(name, describeRule(rule), rule);
    return { id: saved.id, memberCount: saved.memberCount };
  },
});

export const deleteSegmentAction = createAction({
  name: "deleteSegment",
  permission: "segments:write",
  input: z.object({ id: z.number().int().positive() }),
  revalidate: ["/segments"],
  audit: ({ id }) => ({ target: `segment ${id}` }),
  run: async ({ id }) => ({ deleted: await deleteSegment(id) }),
});
