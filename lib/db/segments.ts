// Saved segments. Rule segments store their rule; members are found by running it, so a saved segment
// always reflects today's data (its stored count is refreshed on every save and export).
import { AUDIENCE_FIELD, type RuleNode } from "../segments/rules";
import { STORED_RULE, storedRule } from "../segments/stored-rule";
import { readStored } from "../stored-json";
import { getDb } from "./client";
import { countRuleMembers } from "./segment-rules";
import { jsonKeys } from "./sql";

export interface SavedSegment {
  id: number;
  name: string;
  description: string | null;
  kind: string;
  rule: RuleNode | null;
  memberCount: number;
  computedAt: Date | null;
}

const SELECT = { id: true, name: true, description: true, kind: true, definition: true, memberCount: true, computedAt: true } as const;

type SegmentRow = { id: number; name: string; description: string | null; kind: string; definition: unknown; memberCount: number; computedAt: Date | null };

function toSaved(r: SegmentRow): SavedSegment {
  return { ...r, rule: r.kind === "rule" || r.kind === "audience" ? readStored(STORED_RULE, r.definition, `segment ${r.id}`).rule : null };
}

/** In the list, a rule this version cannot read leaves the others listed (with their saved count); opening it says why. */
function toListed(r: SegmentRow): SavedSegment {
  try {
    return toSaved(r);
  } catch {
    return { ...r, rule: null };
  }
}

export async function saveRuleSegment(name: string, description: string, rule: RuleNode): Promise<SavedSegment> {
  const memberCount = await countRuleMembers(rule);
  const row = await getDb().segment.create({ data: { name, description, kind: "rule", definition: storedRule(rule), memberCount, computedAt: new Date() }, select: SELECT });
  return toSaved(row);
}

/**
 * A fixed list of customers (an audience from the targeting page) as a segment: its members are stored and
 * its rule is "in saved audience <its id>", so it opens, exports and breaks campaigns down like any other.
 */
export async function saveAudienceSegment(name: string, description: string, customerIds: Int32Array): Promise<SavedSegment> {
  const db = getDb();
  const id = await db.$transaction(async (tx) => {
    const row = await tx.segment.create({ data: { name, description, kind: "audience", memberCount: customerIds.length, computedAt: new Date() }, select: { id: true } });
    const rule: RuleNode = { field: AUDIENCE_FIELD.id, op: "eq", value: row.id };
    await tx.segment.update({ where: { id: row.id }, data: { definition: storedRule(rule) } });
    for (let i = 0; i < customerIds.length; i += 5_000) {
      await tx.segmentMember.createMany({ data: Array.from(customerIds.subarray(i, i + 5_000), (customerId) => ({ segmentId: row.id, customerId })) });
    }
    return row.id;
  });
  return (await getSegment(id))!;
}

export async function listSegments(): Promise<SavedSegment[]> {
  return (await getDb().segment.findMany({ select: SELECT, orderBy: { id: "desc" } })).map(toListed);
}

export async function getSegment(id: number): Promise<SavedSegment | null> {
  const row = await getDb().segment.findUnique({ where: { id }, select: SELECT });
  return row ? toSaved(row) : null;
}

export async function deleteSegment(id: number): Promise<boolean> {
  return (await getDb().segment.deleteMany({ where: { id } })).count > 0;
}

/** Attribute names found on customers (from a sample of 5,000), for the rule builder's field list. */
export async function listCustomerAttributeNames(): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ k: string }[]>`SELECT DISTINCT j."key" AS k
    FROM (SELECT "attributes" FROM "Customer" WHERE "attributes" IS NOT NULL LIMIT 5000) c, ${jsonKeys(`c."attributes"`, "j")} ORDER BY 1 LIMIT 200`;
  return rows.map((r) => r.k);
}
