// Holes a review found, each closed and kept closed: the sign-in page's `next` cannot leave the app; the
// last admin cannot be demoted even by two admins at once; roles without personal data cannot ask
// questions of email or name through segment rules.
import { beforeAll, describe, expect, it } from "vitest";
import { saveRuleSegmentAction } from "@/app/segments/rule-actions";
import { GET as countRoute } from "@/app/api/segments/count/route";
import { prepareDatabase } from "../services/prepare-database";
import { createUser, setUserRole } from "../services/users";
import { safeNextPath } from "./page-guard";
import { actAs, sessionHeaders } from "./test-support";

beforeAll(() => prepareDatabase({ seedIfEmpty: false }));

describe("the sign-in page's next", () => {
  it("keeps paths of this app, with their query", () => {
    expect(safeNextPath("/segments/3?sort=name&dir=asc#members")).toBe("/segments/3?sort=name&dir=asc#members");
    expect(safeNextPath(undefined)).toBe("/");
  });
  it("sends anything that could reach another site to the overview", () => {
    for (const raw of ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example", "javascript:alert(1)", "/%0a/evil.example".replace("%0a", "\n")]) expect(safeNextPath(raw), JSON.stringify(raw)).toBe("/");
  });
});

describe("the last admin", () => {
  it("cannot be demoted, even when two admins demote each other at once", async () => {
    const actor = { caller: null, via: "test" };
    const a = await createUser({ email: "a1@shop.example", name: "", password: "a long passphrase", role: "admin" }, actor);
    const b = await createUser({ email: "a2@shop.example", name: "", password: "a long passphrase", role: "admin" }, actor);
    const results = await Promise.allSettled([setUserRole(a.id, "viewer", actor), setUserRole(b.id, "viewer", actor)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason)).toContain("This is the only admin");
  });
});

describe("segment rules on personal data", () => {
  const byEmail = { all: [{ field: "email", op: "eq" as const, value: "someone@example.org" }] };

  it("are refused for a viewer's count and a marketer's save, with the reason", async () => {
    const res = await countRoute(new Request(`http://localhost/api/segments/count?rule=${encodeURIComponent(JSON.stringify(byEmail))}`, { headers: await sessionHeaders("viewer") }), { params: Promise.resolve({}) });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: "unauthorised", message: "Your role (viewer) may not use email in a rule: they are personal data. Ask an analyst or admin." });
    await actAs("marketer");
    expect(await saveRuleSegmentAction({ name: "Probe", rule: { any: [byEmail, { all: [{ field: "name", op: "contains", value: "Sm" }] }] } })).toEqual({
      ok: false,
      code: "unauthorised",
      message: "Your role (marketer) may not use email or name in a rule: they are personal data. Ask an analyst or admin.",
    });
  });

  it("are counted for an analyst", async () => {
    const res = await countRoute(new Request(`http://localhost/api/segments/count?rule=${encodeURIComponent(JSON.stringify(byEmail))}`, { headers: await sessionHeaders("analyst") }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 0, description: 'Email equals "someone@example.org"' });
  });
});
