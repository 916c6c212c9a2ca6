// The rule builder's live count, read from GET /api/segments/count (see that route for why not an action).
import type { ErrorBody } from "@/lib/errors";
import type { RuleNode } from "@/lib/segments/rules";

export interface RuleCount {
  count: number;
  description: string;
}

export type RuleCountResult = { ok: true; data: RuleCount } | { ok: false; message: string };

export async function fetchRuleCount(rule: RuleNode, signal?: AbortSignal): Promise<RuleCountResult> {
  const res = await fetch(`/api/segments/count?rule=${encodeURIComponent(JSON.stringify(rule))}`, { cache: "no-store", signal });
  const body = (await res.json().catch(() => null)) as (RuleCount & Partial<ErrorBody>) | null;
  if (res.ok && body) return { ok: true, data: { count: body.count, description: body.description } };
  return { ok: false, message: body?.message ?? `Could not count the customers (the server answered ${res.status}).` };
}
