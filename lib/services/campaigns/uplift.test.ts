// Uplift through the database, as the uplift page and the job runner use it. The demo shop plants a
// randomised holdout ("winter-comeback-holdout": half the opted-in customers get an offer, half nothing)
// and persuadable customers (lib/demo/campaigns.ts: the offer moves the under-35s outside the loyalty
// programme and hardly anyone else); the job must find them.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { countRuleMembers } from "../../db/segment-rules";
import { unpackI32 } from "../../ml/codec";
import { UPLIFT_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { prepareDatabase } from "../prepare-database";
import { buildResponseTable, loadScoringInputs } from "../scoring/training-data";
import { seedDemo } from "../seed-demo";
import { listHoldoutTests, loadUpliftRun, measureUplift, savePersuadables } from "./uplift";

let runId = 0;
const GROUP = "winter-comeback-holdout";
const noProgress = async () => {};

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 42, customers: 5_000, products: 300, events: 60_000, endDate: Date.UTC(2026, 10, 22) });
  runId = await enqueueJob(UPLIFT_JOB, { testGroup: GROUP, windowDays: 14, base: "gbt", testShare: 0.3, seed: 42 });
  const job = await runJobHere(runId);
  expect(job.message).toBeNull();
  expect(job.status).toBe("completed");
}, 240_000);

describe("holdout tests", () => {
  it("tells a holdout from an A/B arm named control, and says why a test cannot show uplift", async () => {
    const tests = new Map((await listHoldoutTests()).map((t) => [t.testGroup, t]));
    const winter = tests.get(GROUP)!;
    expect(winter.problem).toBeNull();
    expect(winter.arms.map((a) => [a.variant, a.holdout, a.clicks, a.cost])).toEqual([
      ["offer", false, winter.arms[0]!.clicks, winter.arms[0]!.cost],
      ["holdout", true, 0, 0],
    ]);
    expect(winter.arms[0]!.clicks).toBeGreaterThan(0);
    const spring = tests.get("spring-banner-colour")!;
    expect(spring.problem).toMatch(/^its control arm is not a holdout: its customers were shown something \(\d+ clicks, \d+ conversions\)$/);
    expect(tests.get("mid-season-subject-line")!.problem).toBe("no arm is named control or holdout");
  });

  it("keeps a holdout's assignments out of the click models' impressions", async () => {
    const inputs = await loadScoringInputs();
    const holdout = (await listHoldoutTests()).find((t) => t.testGroup === GROUP)!.arms.find((a) => a.holdout)!;
    const impressions = await getDb().campaignEvent.count({ where: { type: "impression", customerId: { not: null } } });
    expect(buildResponseTable(inputs, "click").table.rows).toBe(impressions - holdout.impressions);
  });

  it("refuses a test it cannot measure, naming why", async () => {
    await expect(measureUplift({ testGroup: "no-such-test", windowDays: 14, base: "logistic", testShare: 0.3, seed: 1 }, noProgress)).rejects.toThrow("there is no test named “no-such-test”; pick one on the uplift page");
    await expect(measureUplift({ testGroup: "mid-season-subject-line", windowDays: 14, base: "logistic", testShare: 0.3, seed: 1 }, noProgress)).rejects.toThrow(
      "“mid-season-subject-line” cannot show uplift: no arm is named control or holdout",
    );
  });
});

describe("uplift on the demo shop", () => {
  it("counts every assigned customer once, with the offer's arm buying more often", async () => {
    const r = (await loadUpliftRun(runId))!.result;
    const assigned = await getDb().$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(DISTINCT ce."customerId") AS n FROM "CampaignEvent" ce JOIN "Campaign" c ON c."id" = ce."campaignId"
      WHERE c."testGroup" = ${GROUP} AND ce."type" = 'impression' AND ce."customerId" IS NOT NULL`;
    expect(r.overall.rows).toBe(Number(assigned[0]!.n));
    expect(r.inBoth).toBe(0);
    expect(r.rows.train + r.rows.test).toBe(r.overall.rows);
    expect(r.overall.treatedRate!).toBeGreaterThan(r.overall.controlRate!);
    expect(r.models.map((m) => m.kind)).toEqual(["t-learner", "class-transformation"]);
    for (const m of r.models) {
      expect(m.deciles).toHaveLength(10);
      expect(m.deciles.reduce((s, d) => s + d.rows, 0)).toBe(r.rows.test);
      expect(m.curve.at(-1)!.share).toBe(1);
    }
  });

  it("ranks the planted persuadables first", async () => {
    const r = (await loadUpliftRun(runId))!.result;
    const best = r.models.find((m) => m.kind === r.best)!;
    expect(best.qini.coefficient).toBeGreaterThan(0);
    // The top 30% by predicted uplift gain more from the offer than the test as a whole.
    expect(best.top.observedUplift!).toBeGreaterThan(best.overall.observedUplift!);
    // The tenth of the shop with the highest predicted uplift is mostly the planted group (about 30% of the shop).
    const ids = unpackI32(r.persuadables.ids);
    expect(ids.length).toBeGreaterThan(100);
    const customers = await getDb().customer.findMany({ select: { id: true, birthYear: true, attributes: true } });
    const loyal = (a: unknown) => (typeof a === "string" ? JSON.parse(a) : (a ?? {})).loyaltyMember === true;
    const planted = (c: (typeof customers)[number]) => 2026 - (c.birthYear ?? 0) <= 34 && !loyal(c.attributes);
    const chosen = new Set(ids);
    const share = (cs: typeof customers) => cs.filter(planted).length / cs.length;
    const topTenth = new Set(ids.subarray(0, Math.floor(customers.length / 10)));
    expect(share(customers.filter((c) => topTenth.has(c.id)))).toBeGreaterThan(2 * share(customers));
    expect(share(customers.filter((c) => chosen.has(c.id)))).toBeGreaterThan(1.4 * share(customers));
    expect(r.segments.counts.persuadable).toBeGreaterThan(0);
    expect(Object.values(r.segments.counts).reduce((a, b) => a + b, 0)).toBe(r.segments.customers);
  });

  it("saves the persuadables as an audience segment", async () => {
    const segment = await savePersuadables(runId, "Winter persuadables");
    expect(segment.kind).toBe("audience");
    expect(await countRuleMembers(segment.rule!)).toBe(unpackI32((await loadUpliftRun(runId))!.result.persuadables.ids).length);
    await expect(savePersuadables(999_999, "x")).rejects.toThrow("there is no completed uplift run 999999");
  });
});
