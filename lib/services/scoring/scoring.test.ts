// Response scoring through the database, as the scoring page, the API and the job runner use it: the demo
// shop's planted click structure (lib/demo/campaign-response.ts: banners and the sidebar lower the odds of
// a click, loyalty members click more) is found, stored, read back and explained.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { SCORING_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { prepareDatabase } from "../prepare-database";
import { seedDemo } from "../seed-demo";
import { countRuleMembers } from "../../db/segment-rules";
import { saveAudienceSegment } from "../../db/segments";
import { loadScoringRun, scoreAllCustomers, scoreCustomer, setupOf } from "./serving";
import { buildTargeting } from "./targeting";

let runId = 0;

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 42, customers: 3_000, products: 300, events: 60_000, endDate: Date.UTC(2026, 10, 22) });
  runId = await enqueueJob(SCORING_JOB, { target: "click", models: ["logistic", "gbt"], split: "random", testShare: 0.2, seed: 7 });
  const job = await runJobHere(runId);
  expect(job.message).toBeNull();
  expect(job.status).toBe("completed");
}, 240_000);

describe("response scoring on the demo shop", () => {
  it("labels impressions by the clicks that follow them and judges each model beside the baseline", async () => {
    const run = (await loadScoringRun(runId))!;
    const r = run.result;
    const [impressions, clicks] = await Promise.all(["impression", "click"].map((type) => getDb().campaignEvent.count({ where: { type, customerId: { not: null } } })));
    // A holdout's assignments (the demo's winter comeback holdout) are not impressions anyone could click.
    const holdout = await getDb().campaignEvent.count({ where: { type: "impression", customerId: { not: null }, campaign: { variant: "holdout" } } });
    expect(holdout).toBeGreaterThan(0);
    expect(r.rows.train + r.rows.test).toBe(impressions! - holdout);
    // Every demo click follows an impression of the same campaign within minutes: each labels one.
    expect(r.positives.train + r.positives.test).toBe(clicks);
    expect(r.evaluations.map((e) => e.kind)).toEqual(["logistic", "gbt"]);
    for (const e of r.evaluations) {
      expect(e.auc).toBeGreaterThan(0.55);
      expect(e.aucLow).toBeLessThan(e.auc);
      expect(e.logLoss).toBeLessThan(r.baseline.logLoss);
      expect(e.deciles).toHaveLength(10);
      expect(e.importance.length).toBeGreaterThan(0);
    }
    expect(r.best).toBe(r.evaluations.reduce((a, b) => (b.auc > a.auc ? b : a)).kind);
  });

  it("finds the planted drivers in the logistic regression's odds ratios, in words", async () => {
    const ors = (await loadScoringRun(runId))!.result.evaluations.find((e) => e.kind === "logistic")!.oddsRatios!;
    const of = (feature: string, level?: string) => ors.find((o) => o.feature === feature && o.level === level);
    // Members click more (+0.3 on the logit), and so do richer customers (+0.18 per sd of log income).
    const loyal = of("attribute loyaltyMember", "true")!;
    expect(loyal.low).toBeGreaterThan(1);
    expect(loyal.text).toMatch(/^attribute loyaltyMember “true” has 1\.\d+× the odds of a click of “false” \(95% 1\.\d+–1\.\d+\)$/);
    const income = of("income")!;
    expect(income.low).toBeGreaterThan(1);
    expect(income.text).toMatch(/^each [\d.]+ \(one standard deviation\) more income multiplies the odds of a click by 1\.\d+ \(95% 1\.\d+–1\.\d+\)$/);
  });

  it("scores one customer with reasons that name features, and every customer under a set-up", async () => {
    const customer = await getDb().customer.findFirstOrThrow({ where: { campaignEvents: { some: {} } }, orderBy: { id: "asc" } });
    const s = (await scoreCustomer(customer.id, { runId }))!;
    expect(s.probability).toBeGreaterThan(0);
    expect(s.probability).toBeLessThan(1);
    expect(s.reasons.length).toBeGreaterThan(0);
    expect(s.reasons.length).toBeLessThanOrEqual(3);
    for (const reason of s.reasons) expect(reason.text).toMatch(/ (raises|lowers) the odds \d/);
    expect(await scoreCustomer(999_999, { runId })).toBeNull();
    const run = (await loadScoringRun(runId))!;
    const all = await scoreAllCustomers(run, "logistic", setupOf(run));
    expect(all.ids.length).toBe(await getDb().customer.count());
    // The same customer, the same model and set-up: the batch and the single score agree.
    const single = (await scoreCustomer(customer.id, { runId, model: "logistic" }))!;
    expect(all.probability[Array.from(all.ids).indexOf(customer.id)]).toBeCloseTo(single.probability, 12);
    const banner = await scoreAllCustomers(run, "logistic", { ...setupOf(run), channel: "display", adType: "banner", adPosition: "sidebar" });
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(banner.probability)).toBeLessThan(mean(all.probability));
  });

  it("targets an audience by budget, guides bids and saves the audience as a segment", async () => {
    const t = (await buildTargeting({ run: runId, by: "budget", budget: 20, cost: "cpm", price: 5, targetRoi: 0.5 }))!;
    // €20 at €5 per thousand impressions buys 4,000 impressions: 4,000 customers at most, one each.
    expect(t.audience.size).toBeLessThanOrEqual(4_000);
    expect(t.audience.expectedCost).toBeLessThanOrEqual(20 + 1e-9);
    expect(t.conversionSource).toMatch(/^the shop's own rate, \d+\.\d% of clicks/);
    expect(t.deciles).toHaveLength(10);
    expect(t.deciles[0]!.maxCpm).toBeGreaterThanOrEqual(t.deciles[9]!.maxCpm);
    expect(t.deciles[0]!.text).toMatch(/^Top 10%: bid up to €\d+\.\d\d a click or €\d+\.\d\d per thousand impressions to keep ROI at 50% or more\.$/);
    expect(t.gain[1]).toMatch(/^The top 20% of customers hold \d+% of expected clicks\.$/);
    const saved = await saveAudienceSegment("Budget audience", "test", t.audienceIds);
    expect(saved.memberCount).toBe(t.audience.size);
    expect(await countRuleMembers(saved.rule!)).toBe(t.audience.size);
    const bigger = (await buildTargeting({ run: runId, by: "size", size: 100 }))!;
    expect(bigger.audience.size).toBe(100);
  });
});
