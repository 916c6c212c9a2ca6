// Rule-based segments: conditions on customer fields, extra attributes and purchase features, nested in
// AND/OR groups. The rule is plain data (saved as JSON, edited in the page, checked here with zod); the
// database layer compiles it to one SQL query (segment-rules.ts), never a scan of customers in JavaScript.
import { z } from "zod";

export type FieldKind = "text" | "number" | "date";

export interface RuleField {
  id: string;
  label: string;
  kind: FieldKind;
  /** Where it comes from: the customer row, the customer's purchase history, or a saved audience's list. */
  source: "customer" | "purchases" | "audience";
}

export const RULE_FIELDS: readonly RuleField[] = [
  { id: "externalId", label: "Customer id", kind: "text", source: "customer" },
  { id: "email", label: "Email", kind: "text", source: "customer" },
  { id: "name", label: "Name", kind: "text", source: "customer" },
  { id: "gender", label: "Gender", kind: "text", source: "customer" },
  { id: "age", label: "Age", kind: "number", source: "customer" },
  { id: "birthYear", label: "Birth year", kind: "number", source: "customer" },
  { id: "income", label: "Income", kind: "number", source: "customer" },
  { id: "education", label: "Education", kind: "text", source: "customer" },
  { id: "country", label: "Country", kind: "text", source: "customer" },
  { id: "city", label: "City", kind: "text", source: "customer" },
  { id: "signupAt", label: "Signed up", kind: "date", source: "customer" },
  { id: "orders", label: "Orders", kind: "number", source: "purchases" },
  { id: "revenue", label: "Revenue", kind: "number", source: "purchases" },
  { id: "lastPurchaseAt", label: "Last purchase", kind: "date", source: "purchases" },
  { id: "firstPurchaseAt", label: "First purchase", kind: "date", source: "purchases" },
];

/**
 * A saved audience (a scored list of customers from the targeting page) is a segment whose rule is "in
 * audience N": its members are the list stored with it, so every page, breakdown and export that reads rule
 * segments reads it too. Not offered in the rule builder: the targeting page writes it.
 */
export const AUDIENCE_FIELD: RuleField = { id: "audience", label: "In saved audience", kind: "number", source: "audience" };

export const OPERATORS = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "contains", "empty", "notEmpty", "withinDays"] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: "equals",
  neq: "does not equal",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  between: "between",
  in: "is one of",
  contains: "contains",
  empty: "is empty",
  notEmpty: "is not empty",
  withinDays: "within the last N days",
};

/** Which operators apply to which kind of field (attributes may hold text or numbers). */
export const OPERATORS_BY_KIND: Record<FieldKind | "attribute", readonly Operator[]> = {
  text: ["eq", "neq", "in", "contains", "empty", "notEmpty"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "empty", "notEmpty"],
  date: ["lt", "lte", "gt", "gte", "between", "withinDays", "empty", "notEmpty"],
  attribute: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "contains", "empty", "notEmpty"],
};

const Scalar = z.union([z.string().max(500), z.number().finite()]);

export const Condition = z.object({
  /** A field id of RULE_FIELDS, or "attr:<name>" for an attribute imported from a CSV. */
  field: z.string().min(1).max(120),
  op: z.enum(OPERATORS),
  value: Scalar.optional(),
  /** `between` takes two values; `in` takes a list. */
  values: z.array(Scalar).max(1000).optional(),
});
export type Condition = z.infer<typeof Condition>;

export type Group = { all: RuleNode[] } | { any: RuleNode[] };
export type RuleNode = Condition | Group;

export const RuleNode: z.ZodType<RuleNode> = z.lazy(() => z.union([Condition, z.object({ all: z.array(RuleNode).max(100) }), z.object({ any: z.array(RuleNode).max(100) })]));

export const ATTRIBUTE_FIELD = "attr:";

export function fieldOf(id: string): RuleField | { id: string; label: string; kind: "text" | "number"; source: "attribute" } | undefined {
  if (id.startsWith(ATTRIBUTE_FIELD) && id.length > ATTRIBUTE_FIELD.length) return { id, label: id.slice(ATTRIBUTE_FIELD.length), kind: "text", source: "attribute" };
  return id === AUDIENCE_FIELD.id ? AUDIENCE_FIELD : RULE_FIELDS.find((f) => f.id === id);
}

/** Fields holding personal data: a rule on them tells whoever runs it who is a customer (and, with
 * `contains`, spells the values out), so only roles that may read personal data may use them. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(["email", "name"]);

/** The personal fields a rule uses, in order of first use. */
export function personalFieldsOf(node: RuleNode): string[] {
  if (!isGroup(node)) return PERSONAL_FIELDS.has(node.field) ? [node.field] : [];
  return [...new Set(("all" in node ? node.all : node.any).flatMap(personalFieldsOf))];
}

export function isGroup(node: RuleNode): node is Group {
  return "all" in node || "any" in node;
}

/** The rule in words, for lists and exports: `Country equals "UK" and (Orders ≥ 3 or Revenue > 500)`. */
export function describeRule(node: RuleNode, nested = false): string {
  if (isGroup(node)) {
    const [joiner, parts] = "all" in node ? [" and ", node.all] : [" or ", node.any];
    if (parts.length === 0) return "all customers";
    const text = parts.map((p) => describeRule(p, true)).join(joiner);
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  const label = fieldOf(node.field)?.label ?? node.field;
  const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));
  switch (node.op) {
    case "empty":
    case "notEmpty":
      return `${label} ${OPERATOR_LABELS[node.op]}`;
    case "between":
      return `${label} between ${show(node.values?.[0])} and ${show(node.values?.[1])}`;
    case "in":
      return `${label} is one of ${(node.values ?? []).map(show).join(", ")}`;
    case "withinDays":
      return `${label} within the last ${show(node.value)} days`;
    default:
      return `${label} ${OPERATOR_LABELS[node.op]} ${show(node.value)}`;
  }
}
