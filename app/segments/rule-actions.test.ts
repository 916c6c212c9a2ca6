// The rule builder's actions reject bad rules and names with the reason, and save nothing then; the live
// count's route is tested in app/api/segments/count/route.test.ts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actAs, sessionHeaders } from "@/lib/auth/test-support";
import { getDb } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { deleteSegmentAction, saveRuleSegmentAction } from "./rule-actions";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await actAs("marketer");
});

describe("rule segment actions", () => {
  it("refuse a rule the database cannot run, an unknown operator, or a missing name, and save nothing", async () => {
    expect(await saveRuleSegmentAction({ name: "Bad", rule: { all: [{ field: "age", op: "contains", value: "1" }] } })).toEqual({ ok: false, code: "rejected", message: 'condition 1: "contains" does not apply to Age (a number field)' });
    expect(await saveRuleSegmentAction({ name: "Bad", rule: { all: [{ field: "age", op: "like" as "eq", value: 1 }] } })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await saveRuleSegmentAction({ name: "  ", rule: { all: [] } })).toMatchObject({ ok: false, code: "invalid_input", message: "name: give the segment a name" });
    expect(await saveRuleSegmentAction({ name: "Bad", rule: { all: [{ field: "colour", op: "eq", value: "red" }] } })).toEqual({ ok: false, code: "rejected", message: 'condition 1: unknown field "colour"' });
    expect(await getDb().segment.count()).toBe(0);
  });

  it("save a good rule and delete it", async () => {
    const saved = await saveRuleSegmentAction({ name: "Adults", rule: { all: [{ field: "age", op: "gte", value: 18 }] } });
    expect(saved).toMatchObject({ ok: true, data: { memberCount: 0 } });
    const id = saved.ok ? saved.data.id : 0;
    expect(await deleteSegmentAction({ id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await deleteSegmentAction({ id })).toEqual({ ok: true, data: { deleted: false } });
  });
});

describe("segment export route", () => {
  it("answers 404 with a reason for an unknown or malformed id", async () => {
    const { GET } = await import("../api/segments/[id]/export/route");
    for (const id of ["999", "../1", "abc", "0"]) {
      const res = await GET(new Request("http://x/", { headers: await sessionHeaders("marketer") }), { params: Promise.resolve({ id }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: "not_found", message: "There is no saved rule segment with this id." });
    }
  });
});
