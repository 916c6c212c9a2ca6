// The rule builder's live count: a rule in the query counted and described, a bad rule refused with the
// reason (a 400 with the field for one that is not a rule, a 422 for one the database cannot run).
import { beforeAll, describe, expect, it } from "vitest";
import { sessionHeaders } from "@/lib/auth/test-support";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { GET } from "./route";

let headers: Headers;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  headers = await sessionHeaders("viewer");
});

const count = (rule: string) => GET(new Request(`http://x/api/segments/count?rule=${encodeURIComponent(rule)}`, { headers }), { params: Promise.resolve({}) });

describe("GET /api/segments/count", () => {
  it("counts a rule and describes it", async () => {
    const res = await count(JSON.stringify({ all: [{ field: "age", op: "gte", value: 18 }] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 0, description: "Age ≥ 18" });
  });

  it("refuses a rule the database cannot run with the compiler's reason", async () => {
    const res = await count(JSON.stringify({ all: [{ field: "age", op: "contains", value: "1" }] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ code: "rejected", message: 'condition 1: "contains" does not apply to Age (a number field)' });
  });

  it("refuses text that is not JSON, or not a rule, as invalid input on the rule field", async () => {
    const notJson = await count("{all:");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: "invalid_input", message: "rule: the rule must be JSON", fieldErrors: { rule: ["the rule must be JSON"] } });
    const unknownOp = await count(JSON.stringify({ all: [{ field: "age", op: "like", value: 1 }] }));
    expect(unknownOp.status).toBe(400);
    // RuleNode is a union: zod reports the rule as a whole rather than guessing which branch was meant.
    expect(await unknownOp.json()).toEqual({ code: "invalid_input", message: "rule: Invalid input", fieldErrors: { rule: ["Invalid input"] } });
  });
});
