// The fairness report of a stored click model on the demo shop, as the fairness page asks for it: groups by
// gender, age band and country over every customer who saw a campaign, in sentences, at either kind of cut.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { UserError } from "../../errors";
import { SCORING_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { prepareDatabase } from "../prepare-database";
import { seedDemo } from "../seed-demo";
import { scoringFairness } from "./fairness";

let runId = 0;

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 42, customers: 1_500, products: 150, events: 20_000, endDate: Date.UTC(2026, 10, 22) });
  runId = await enqueueJob(SCORING_JOB, { target: "click", models: ["logistic"], split: "random", testShare: 0.2, seed: 7 });
  const job = await runJobHere(runId);
  expect(job.message).toBeNull();
  expect(job.status).toBe("completed");
}, 120_000);

describe("the fairness report of a response model", () => {
  it("compares gender, age band and country over every exposed customer, in sentences", async () => {
    const f = await scoringFairness({ runId, cut: { topShare: 0.2 } });
    const exposed = await getDb().customer.count({ where: { campaignEvents: { some: { type: "impression" } } } });
    expect(f.rows).toBe(exposed);
    expect(f.rows + f.leftOut).toBe(await getDb().customer.count());
    expect(f.model).toBe("logistic");
    expect(f.target).toBe("click");
    for (const attribute of ["gender", "age band", "country"]) {
      const groups = f.report.groups.filter((g) => g.attribute === attribute && !g.intersection);
      expect(groups.length, attribute).toBeGreaterThan(1);
      expect(groups.reduce((n, g) => n + g.count, 0), attribute).toBe(f.rows);
    }
    // The model sees gender, age and country itself: the page says so beside the proxies.
    expect(f.direct).toEqual(expect.arrayContaining(["gender", "age band", "country"]));
    expect(f.report.labelled).toBe(true);
    expect(f.report.featuresChecked).toBeGreaterThan(0);
    // A feature is never reported as a proxy of the group it is built from.
    expect(f.report.proxies.filter((p) => (p.feature === "country" && p.attribute === "country") || (p.feature === "age" && p.attribute === "age band"))).toEqual([]);
    expect(f.report.summary.length).toBeGreaterThan(1);
    for (const sentence of f.report.summary) expect(sentence).toMatch(/^["A-Z0-9][^\n]*\.$/);
    expect(f.report.summary[0]).toBe(`At the top 20%, ${Math.round(0.2 * f.rows)} of ${f.rows} rows are selected (scores of ${f.report.cut.lowestSelectedScore!.toFixed(2)} and above).`);
  });

  it("cuts at a threshold as well as at a top share, and compares by an imported attribute", async () => {
    const top = await scoringFairness({ runId, cut: { topShare: 0.3 } });
    const threshold = top.report.cut.lowestSelectedScore!;
    const f = await scoringFairness({ runId, cut: { threshold }, attributes: ["loyaltyMember"], minGroupSize: 50 });
    expect(f.report.cut).toMatchObject({ kind: "threshold", threshold, topShare: null, rows: top.rows });
    // Everything the top share took scores at least its lowest; ties at that score may add a few.
    expect(f.report.cut.selected).toBeGreaterThanOrEqual(top.report.cut.selected);
    expect(f.report.minGroupSize).toBe(50);
    const loyalty = f.report.groups.filter((g) => g.attribute === "loyaltyMember" && !g.intersection);
    expect(loyalty.map((g) => g.value)).toEqual(["false", "true"]);
    expect(loyalty.reduce((n, g) => n + g.count, 0)).toBe(f.rows);
    expect(f.report.groups.every((g) => g.tooSmall === g.count < 50)).toBe(true);
    expect(f.report.summary[0]).toMatch(new RegExp(`^At a score of ${threshold} or above, ${f.report.cut.selected} of ${f.rows} rows are selected\\.$`));
  });

  it("refuses an unknown attribute, a bad cut and a run that does not exist, saying which", async () => {
    await expect(scoringFairness({ runId, cut: { topShare: 0.2 }, attributes: ["shoeSize"] })).rejects.toThrow(/no customer has an attribute "shoeSize" \(attributes: device, loyaltyMember, marketingOptIn\)/);
    await expect(scoringFairness({ runId, cut: { topShare: 0.2 }, attributes: ["shoeSize"] })).rejects.toBeInstanceOf(UserError);
    await expect(scoringFairness({ runId, cut: { topShare: 1.5 } })).rejects.toThrow("the top share must be at most 100%");
    await expect(scoringFairness({ runId, cut: { threshold: -0.1 } })).rejects.toThrow("the threshold must be a score from 0 to 1");
    await expect(scoringFairness({ runId, cut: { topShare: 0.2 }, minGroupSize: 0 })).rejects.toThrow("the minimum group size must be a whole number from 1 to 1,000,000");
    await expect(scoringFairness({ runId, model: "forest", cut: { topShare: 0.2 } })).rejects.toThrow(`run ${runId} has no forest model (models: logistic)`);
    await expect(scoringFairness({ runId: runId + 1000, cut: { topShare: 0.2 } })).rejects.toThrow(`there is no completed scoring run ${runId + 1000}`);
  });
});
