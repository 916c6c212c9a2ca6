// The demo shop plants structure for the campaign views (lib/demo/campaigns.test.ts checks it is in the
// generated data); this checks the views find it through the database, as the pages and the CLI do.
import { beforeAll, describe, expect, it } from "vitest";
import { getCampaignByExternalId } from "../../db/campaign-report";
import { ALL_TIME } from "../../db/date-range";
import { seedDemo } from "../seed-demo";
import { prepareDatabase } from "../prepare-database";
import { analyseTestGroup } from "./ab-test";
import { computeAttribution } from "./attribution";
import { getBreakdown } from "./breakdown";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 42, customers: 5_000, products: 500, events: 150_000, endDate: Date.UTC(2026, 10, 22) });
}, 120_000);

describe("the demo shop's planted campaign structure", () => {
  it("finds the A/B test with a real difference, in every method", async () => {
    for (const method of ["frequentist", "bayesian", "sequential"] as const) {
      const r = await analyseTestGroup("mid-season-subject-line", { metrics: ["ctr"], method });
      const c = r.results[0]!.result.comparisons[0]!;
      expect(c.outcome, method).toBe("variant-wins");
      expect(c.ci![0], method).toBeGreaterThan(0);
    }
  });

  it("calls no winner in the test without a difference", async () => {
    const c = (await analyseTestGroup("spring-banner-colour", { metrics: ["ctr"] })).results[0]!.result.comparisons[0]!;
    expect(c.significant).toBe(false);
    expect(c.ci![0]).toBeLessThan(0);
    expect(c.ci![1]).toBeGreaterThan(0);
  });

  it("flags the test whose arms were not split as intended", async () => {
    const r = await analyseTestGroup("welcome-offer-timing", { metrics: ["ctr"] });
    expect(r.results[0]!.result.srm!.flagged).toBe(true);
    expect((await analyseTestGroup("mid-season-subject-line", { metrics: ["ctr"] })).results[0]!.result.srm!.flagged).toBe(false);
  });

  it("credits social more under the Markov model than under last click", async () => {
    const r = await computeAttribution();
    const social = (m: "last-click" | "markov") => r.models[m].byChannel.find((c) => c.name === "social")!.purchases;
    expect(social("markov")).toBeGreaterThan(social("last-click") * 1.15);
    expect(r.models.markov.totalRevenue).toBeCloseTo(r.models["last-click"].totalRevenue, 6);
  });

  it("shows Tech week retargeting paying off with 25–34s and losing money with older customers", async () => {
    const tech = await getCampaignByExternalId("CMP-005");
    const b = await getBreakdown("age-band", ALL_TIME, [tech!.id]);
    const roi = (band: string) => b.rows.find((r) => r.label === band)!.kpis.roi.value!;
    expect(roi("25–34")).toBeGreaterThan(0.5);
    expect(roi("45–54")).toBeLessThan(0);
    expect(roi("55–64")).toBeLessThan(0);
  });
});
