// A segment rule on email or name is refused for roles that may not read personal data (lib/segments/rules.ts
// PERSONAL_FIELDS): counting "email equals x" would tell them who is a customer.
import { UserError } from "../errors";
import { personalFieldsOf, type RuleNode } from "../segments/rules";
import { can, type Role } from "./roles";

export function checkRuleFields(rule: RuleNode, role: Role): void {
  const fields = personalFieldsOf(rule);
  if (fields.length && !can(role, "pii:read")) throw new UserError(`Your role (${role}) may not use ${fields.join(" or ")} in a rule: they are personal data. Ask an analyst or admin.`, "unauthorised");
}
