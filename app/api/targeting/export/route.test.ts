// The targeting audience as CSV: the same audience the page and the service build for the same query, with
// its scores; personal columns by role; the ad platforms' hashed emails; an audit event; clear refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { emailSha256 } from "@/lib/analytics/targeting";
import { sessionHeaders, tokenHeaders } from "@/lib/auth/test-support";
import { getDb } from "@/lib/db/client";
import { SCORING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "@/lib/services/jobs/runner";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { TargetingQuery } from "@/lib/services/scoring/request";
import { buildTargeting, type Targeting } from "@/lib/services/scoring/targeting";
import { seedDemo } from "@/lib/services/seed-demo";
import { GET } from "./route";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 5, customers: 800, products: 100, events: 15_000, endDate: Date.UTC(2026, 10, 22) });
}, 120_000);

const get = async (query: string, headers: Headers | Promise<Headers>) => GET(new Request(`http://localhost/api/targeting/export?${query}`, { headers: await headers }), { params: Promise.resolve({}) });
const lines = async (res: Response) => (await res.text()).split("\n");

/** What the service gives for the page's own query string. */
const service = async (query: string) => (await buildTargeting(TargetingQuery.parse(Object.fromEntries(new URLSearchParams(query)))))!;

async function externalIds(t: Targeting): Promise<string[]> {
  const rows = await getDb().customer.findMany({ where: { id: { in: Array.from(t.audienceIds) } }, select: { id: true, externalId: true } });
  const of = new Map(rows.map((r) => [r.id, r.externalId]));
  return Array.from(t.audienceIds, (id) => of.get(id)!);
}

let runId = 0;

describe("GET /api/targeting/export", () => {
  it("says what to do when no click model is trained", async () => {
    const res = await get("", sessionHeaders("analyst"));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ code: "conflict", message: "No click model is trained yet: train one on the scoring page first." });
    const job = await runJobHere(await enqueueJob(SCORING_JOB, { target: "click", models: ["logistic"], split: "random", testShare: 0.2, seed: 1 }));
    expect(job.status).toBe("completed");
    runId = job.id;
  }, 60_000);

  it("gives an analyst the service's audience, best first, with emails, names and scores", async () => {
    const query = "by=size&size=40&channel=display&adType=banner&adPosition=sidebar";
    const t = await service(query);
    expect(t.audience.size).toBe(40);
    const res = await get(query, sessionHeaders("analyst"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`filename="audience-run-${runId}-logistic.csv"`);
    const [header, ...rows] = await lines(res);
    expect(header).toBe("customer_id,email,name,p_click,p_convert,ev_per_impression,rank");
    expect(rows.pop()).toBe("");
    expect(rows).toHaveLength(t.audience.size);
    const ids = await externalIds(t);
    const top = t.audience.rows[0]!;
    const best = await getDb().customer.findUniqueOrThrow({ where: { externalId: ids[0] }, select: { email: true, name: true } });
    const ev = t.inputs.pClick[top]! * t.inputs.pConvert[top]! * t.inputs.orderValue[top]!;
    expect(rows[0]).toBe(`${ids[0]},${best.email},${best.name},${t.inputs.pClick[top]},${t.inputs.pConvert[top]},${ev},1`);
    // Every row in the service's order, ranked 1..40, scores non-increasing in expected value.
    const cells = rows.map((r) => r.split(","));
    expect(cells.map((c) => c[0])).toEqual(ids);
    expect(cells.map((c) => Number(c.at(-1)))).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
    const evs = cells.map((c) => Number(c.at(-2)));
    for (let k = 1; k < evs.length; k++) expect(evs[k]).toBeLessThanOrEqual(evs[k - 1]!);
  });

  it("reads the click-chance threshold in percent, as the page's URL does", async () => {
    const t0 = await service("by=size&size=800");
    // The 100th best click chance, in percent: the audience by score then holds about 100 customers.
    const p = [...t0.inputs.pClick].sort((a, b) => b - a)[99]!;
    const percent = Math.floor(p * 10_000) / 100;
    const t = await service(`by=score&threshold=${percent}`);
    expect(t.audience.size).toBeGreaterThanOrEqual(100);
    expect(t.audience.size).toBeLessThan(800);
    const rows = (await lines(await get(`by=score&threshold=${percent}`, sessionHeaders("analyst")))).slice(1, -1);
    expect(rows).toHaveLength(t.audience.size);
    for (const r of rows) expect(Number(r.split(",")[3])).toBeGreaterThanOrEqual(percent / 100);
  });

  it("hashes each stored address for ad platforms, without the address or the name, and audits the export", async () => {
    const query = "by=size&size=25";
    const t = await service(query);
    const res = await get(`${query}&emails=sha256`, sessionHeaders("analyst"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename="audience-run-${runId}-logistic-sha256.csv"`);
    const text = await res.text();
    expect(text).not.toContain("@");
    const [header, ...rows] = text.trimEnd().split("\n");
    expect(header).toBe("customer_id,email_sha256,p_click,p_convert,ev_per_impression,rank");
    expect(rows).toHaveLength(25);
    const ids = await externalIds(t);
    const stored = new Map((await getDb().customer.findMany({ where: { externalId: { in: ids } }, select: { externalId: true, email: true } })).map((c) => [c.externalId, c.email]));
    rows.forEach((r, k) => {
      const [id, hash, pClick] = r.split(",");
      expect(id).toBe(ids[k]);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(emailSha256(stored.get(id!)!));
      expect(Number(pClick)).toBe(t.inputs.pClick[t.audience.rows[k]!]);
    });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: "export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "ok", actorLabel: "analyst@test.example", target: `scoring run ${runId}` });
    expect(audit.detail).toEqual({ what: "targeting audience", customers: 25, chosenBy: "size", personalData: "sha256 of emails", via: "session" });
  });

  it("gives a role without personal data ids and scores only, refuses it hashed emails, and refuses viewers", async () => {
    const res = await get("by=size&size=10", sessionHeaders("marketer"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\n")[0]).toBe("customer_id,p_click,p_convert,ev_per_impression,rank");
    expect(text.trimEnd().split("\n")).toHaveLength(11);
    expect(text).not.toContain("@");
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: "export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: "marketer@test.example", detail: { what: "targeting audience", customers: 10, personalData: false } });

    const hashed = await get("by=size&size=10&emails=sha256", sessionHeaders("marketer"));
    expect(hashed.status).toBe(403);
    expect(await hashed.json()).toEqual({ code: "unauthorised", message: "Your role (marketer) may not export email addresses, hashed or not. Ask an analyst or admin." });
    const viewer = await get("by=size&size=10", sessionHeaders("viewer"));
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toEqual({ code: "unauthorised", message: "Your role (viewer) may not export data. Ask an admin if you need to." });
  });

  it("takes an API token with segments:read, and no other", async () => {
    const ok = await get("by=size&size=5", tokenHeaders("analyst", ["segments:read"]));
    expect(ok.status).toBe(200);
    expect((await ok.text()).trimEnd().split("\n")).toHaveLength(6);
    const refused = await get("by=size&size=5", tokenHeaders("analyst", ["scores:read"]));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: "unauthorised", message: 'This API token does not have the scope "segments:read".' });
  });

  it("refuses a bad parameter with the field and why", async () => {
    const cases: [string, string, string][] = [
      ["threshold=150", "threshold", "must be a click chance in percent, from 0 to 100, not “150”"],
      ["size=2.5", "size", "must be a whole number of customers, 0 or more, not “2.5”"],
      ["by=everyone", "by", "must be one of budget, size, score"],
      ["targetRoi=-100", "targetRoi", "must be a return in percent, above −100, not “-100”"],
      ["emails=md5", "emails", "must be one of sha256"],
    ];
    for (const [query, field, message] of cases) {
      const res = await get(query, sessionHeaders("analyst"));
      expect(res.status, query).toBe(400);
      expect(await res.json()).toEqual({ code: "invalid_input", message: `${field}: ${message}`, fieldErrors: { [field]: [message] } });
    }
  });
});
