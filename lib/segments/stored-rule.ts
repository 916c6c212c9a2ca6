// How a rule segment's rule is stored (Segment.definition): a versioned envelope around the RuleNode the
// rule builder, the action and the SQL compiler share. Definitions saved before versions were the bare
// rule; they are the same rule, so they are wrapped on read rather than refused.
import { z } from "zod";
import { addVersion, storedShape } from "../stored-json";
import { RuleNode } from "./rules";

export const StoredRule = z.object({ version: z.literal(1), rule: RuleNode });
export type StoredRule = z.infer<typeof StoredRule>;

export const STORED_RULE = storedShape({
  name: "segment rule",
  version: 1,
  schema: StoredRule,
  migrations: { 0: (bare) => addVersion(1)({ rule: bare }) },
  remedy: "build the rule again and save it as a new segment",
});

/** What saving a rule writes. */
export function storedRule(rule: RuleNode): StoredRule {
  return { version: 1, rule };
}
