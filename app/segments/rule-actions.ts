"use server";
// The rule builder's actions: count a rule as it is edited, save it, delete a saved one.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { countRuleMembers } from "@/lib/db/segment-rules";
import { deleteSegment, saveRuleSegment } from "@/lib/db/segments";
import { describeRule, RuleNode } from "@/lib/segments/rules";

export const countRuleAction = createAction({
  name: "countRule",
  input: z.object({ rule: RuleNode }),
  run: async ({ rule }) => ({ count: await countRuleMembers(rule), description: describeRule(rule) }),
});

export const saveRuleSegmentAction = createAction({
  name: "saveRuleSegment",
  input: z.object({ name: z.string().trim().min(1, "give the segment a name").max(120), rule: RuleNode }),
  revalidate: ["/segments"],
  run: async ({ name, rule }) => {
    const saved = await saveRuleSegment(name, describeRule(rule), rule);
    return { id: saved.id, memberCount: saved.memberCount };
  },
});

export const deleteSegmentAction = createAction({
  name: "deleteSegment",
  input: z.object({ id: z.number().int().positive() }),
  revalidate: ["/segments"],
  run: async ({ id }) => ({ deleted: await deleteSegment(id) }),
});
