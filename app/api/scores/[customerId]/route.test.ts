// The scores API: a customer's probability and its reasons from the latest trained models, with the
// choices it refuses named.
import { beforeAll, describe, expect, it } from "vitest";
import { tokenHeaders } from "@/lib/auth/test-support";
import { getDb } from "@/lib/db/client";
import { SCORING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "@/lib/services/jobs/runner";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { seedDemo } from "@/lib/services/seed-demo";
import { GET } from "./route";

let headers: Headers;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 5, customers: 800, products: 100, events: 15_000, endDate: Date.UTC(2026, 10, 22) });
  headers = await tokenHeaders("analyst", ["scores:read"]);
}, 120_000);

const get = (id: number | string, query = "") => GET(new Request(`http://localhost/api/scores/${id}?${query}`, { headers }), { params: Promise.resolve({ customerId: String(id) }) });

describe("GET /api/scores/{customerId}", () => {
  it("says when nothing is trained, then answers with the probability and the reasons in words", async () => {
    const customer = await getDb().customer.findFirstOrThrow({ orderBy: { id: "asc" } });
    const before = await get(customer.id);
    expect(before.status).toBe(409);
    expect(await before.json()).toMatchObject({ message: "No scoring models are trained yet. Train them on the Scoring page first." });
    const job = await runJobHere(await enqueueJob(SCORING_JOB, { target: "click", models: ["logistic"], split: "random", testShare: 0.2, seed: 1 }));
    expect(job.status).toBe("completed");
    const res = await get(customer.id, "channel=display&adType=banner&adPosition=sidebar");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ runId: job.id, model: "logistic", target: "click", externalId: customer.externalId, setup: { channel: "display", adType: "banner", adPosition: "sidebar", variant: null } });
    expect(body.probability).toBeGreaterThan(0);
    expect(body.probability).toBeLessThan(1);
    for (const r of body.reasons) expect(Object.keys(r)).toEqual(["feature", "value", "oddsFactor", "text"]);
  }, 60_000);

  it("refuses an unknown customer, model or run", async () => {
    expect((await get(987_654)).status).toBe(404);
    const badModel = await get(1, "model=svm");
    expect(badModel.status).toBe(400);
    expect(await badModel.json()).toMatchObject({ fieldErrors: { model: ["model must be one of logistic, forest, gbt"] } });
    const missing = await get(1, "model=gbt");
    expect(await missing.json()).toMatchObject({ message: expect.stringMatching(/^run \d+ has no gbt model \(models: logistic\)$/) });
  });
});
