// The audit log's CSV export: filtered as the page filters, newest first, and itself recorded.
import { beforeAll, describe, expect, it } from "vitest";
import { sessionHeaders } from "@/lib/auth/test-support";
import { recordAuditEvent } from "@/lib/db/audit";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { GET } from "./route";

let headers: Headers;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  headers = await sessionHeaders("admin");
  // Entries 1 and 2 are the test admin's creation and sign-in.
  await recordAuditEvent({ action: "customer.erase", outcome: "ok", actor: { id: "u1", label: "ada@shop.example" }, target: "customer 12", detail: { events: 3 }, ip: "198.51.100.7" });
  await recordAuditEvent({ action: "token.revoke", outcome: "ok", actor: { id: "u1", label: "ada@shop.example" }, target: "token 2" });
  await recordAuditEvent({ action: "customer.erase", outcome: "failed", actor: { id: "u2", label: "bo@shop.example" }, target: "customer 13", detail: { error: "not_found" } });
});

const get = (query: string) => GET(new Request(`http://localhost/api/audit?${query}`, { headers }), { params: Promise.resolve({}) });

describe("GET /api/audit", () => {
  it("exports the matching entries as CSV, newest first, and records the export", async () => {
    const res = await get("action=customer.erase");
    expect(res.headers.get("content-disposition")).toContain('filename="marketlens-audit-log.csv"');
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("id,at,actor,action,outcome,target,detail,ip,user_agent");
    expect(lines.slice(1).map((l) => l.replace(/,\d{4}-\d\d-\d\dT[^,]+,/, ",<at>,"))).toEqual([
      '5,<at>,bo@shop.example,customer.erase,failed,customer 13,"{""error"":""not_found""}",,',
      '3,<at>,ada@shop.example,customer.erase,ok,customer 12,"{""events"":3}",198.51.100.7,',
    ]);
    const only = (await (await get("outcome=failed&actor=bo@")).text()).trim().split("\n");
    expect(only).toHaveLength(2);
    const exports = (await (await get("action=export")).text()).trim().split("\n").slice(1);
    // The two exports above and this one, which is recorded before it is read.
    expect(exports.map((l) => l.split(",").slice(2, 6).join(","))).toEqual(Array(3).fill("admin@test.example,export,ok,audit log"));
  });

  it("refuses a filter it cannot read with the field and the reason", async () => {
    const res = await get("from=2026-02-31");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_input", fieldErrors: { from: ['"2026-02-31" is not a real day: February 2026 has 28 days'] } });
  });
});
