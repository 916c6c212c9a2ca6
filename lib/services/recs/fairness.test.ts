// The recommender fairness report on a small demo shop, as the fairness page asks for it: an evaluation job
// first, then the report recomputes its best algorithm's lists and compares gender, age band and country.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { UserError } from "../../errors";
import { rankingMetrics } from "../../ml/recs/eval/metrics";
import { recommendMany } from "../../ml/recs/recommend";
import { recommenderNamed } from "../../ml/recs/registry";
import { EVALUATION_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { prepareDatabase } from "../prepare-database";
import { seedDemo } from "../seed-demo";
import { latestEvaluation, loadEvaluationData } from "./evaluation";
import { recommenderFairnessReport } from "./fairness";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await seedDemo({ seed: 42, customers: 1_500, products: 150, events: 20_000, endDate: Date.UTC(2026, 10, 22) });
}, 120_000);

describe("before any evaluation", () => {
  it("says where to run one", async () => {
    const error = await recommenderFairnessReport({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("not_found");
    expect((error as UserError).message).toBe("the recommenders have not been evaluated yet. Run an evaluation on the Recommendations › Evaluation page first");
  });
});

describe("the fairness report of a recommender", () => {
  let runId = 0;
  beforeAll(async () => {
    runId = await enqueueJob(EVALUATION_JOB, { split: "user", relevance: "new-items", k: 10, seed: 42, algorithms: ["popularity", "item-knn"] });
    const job = await runJobHere(runId);
    expect(job.message).toBeNull();
    expect(job.status).toBe("completed");
  }, 120_000);

  it("names the evaluation and its best algorithm, and recomputes the lists the evaluation scored", async () => {
    const f = await recommenderFairnessReport({});
    const stored = (await latestEvaluation())!.result;
    const rows = stored.rows.filter((r) => r.ok);
    const best = rows.reduce((b, r) => (r.ndcg > b.ndcg ? r : b));
    expect(f).toMatchObject({ evaluationId: runId, algorithm: best.name, bestAlgorithm: best.name, algorithms: ["popularity", "item-knn"], users: stored.users, storedUsers: stored.users, matchesStored: true, products: 150 });
    expect(f.meanNdcg).toBeCloseTo(best.ndcg, 12);
    expect(f.settings.k).toBe(10);
  });

  it("has groups by gender, age band and country that add up to the customers evaluated", async () => {
    const f = await recommenderFairnessReport({ evaluationId: runId, algorithm: "popularity" });
    expect(f.algorithm).toBe("popularity");
    for (const attribute of ["gender", "age band", "country"]) {
      const ndcg = f.report.ndcg.filter((g) => g.attribute === attribute);
      const exposure = f.report.exposure.filter((g) => g.attribute === attribute);
      expect(ndcg.length, attribute).toBeGreaterThan(1);
      expect(ndcg.reduce((n, g) => n + g.users, 0), attribute).toBe(f.users);
      expect(exposure.reduce((n, g) => n + g.users, 0), attribute).toBe(f.users);
      expect(ndcg.filter((g) => g.isBest), attribute).toHaveLength(1);
    }
    // The demo's "X" gender is about 2% of customers: under 30 evaluated, so listed and not compared.
    expect(f.report.ndcg.find((g) => g.attribute === "gender" && g.value === "X")).toMatchObject({ tooSmall: true, isBest: false });
    // Every slot is one of the catalogue's categories; each group's shares add up to 1.
    for (const g of f.report.exposure.filter((e) => e.slots > 0)) expect(g.categories.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    expect(f.report.exposure[0]!.categories.reduce((s, c) => s + c.catalogueShare, 0)).toBeCloseTo(1, 12);
  });

  it("gives a group's nDCG and category shares as a direct recomputation does", async () => {
    const f = await recommenderFairnessReport({ evaluationId: runId, algorithm: "item-knn" });
    // The evaluation's split, item-kNN fitted on it and ranked here, each customer's nDCG@10 by hand.
    const settings = (await latestEvaluation())!.result.settings;
    const { set, customerIds, catalogue } = await loadEvaluationData(settings);
    const rec = recommenderNamed("item-knn");
    const lists = recommendMany(rec, rec.fit(set.train), set.train.matrix, set.heldOut.users, { n: 10, excludeSeen: true, withReasons: false }).map((r) => r.items);
    const gender = new Map((await getDb().customer.findMany({ select: { id: true, gender: true } })).map((c) => [c.id, c.gender]));
    const women = [...set.heldOut.users.keys()].filter((i) => gender.get(customerIds[set.heldOut.users[i]!]!) === "F");
    const mean = women.reduce((s, i) => s + rankingMetrics(lists[i]!, set.heldOut.relevant[i]!, 10).ndcg, 0) / women.length;
    const group = f.report.ndcg.find((g) => g.attribute === "gender" && g.value === "F")!;
    expect(group.users).toBe(women.length);
    expect(group.mean).toBeCloseTo(mean, 12);
    const slots = women.flatMap((i) => Array.from(lists[i]!, (item) => catalogue.categories[item] ?? "no category"));
    const exposure = f.report.exposure.find((g) => g.attribute === "gender" && g.value === "F")!;
    expect(exposure.slots).toBe(slots.length);
    for (const c of exposure.categories) expect(c.share, c.category).toBeCloseTo(slots.filter((s) => s === c.category).length / slots.length, 12);
  });

  it("says what it found in sentences, and lists only sized groups of the pairs", async () => {
    const f = await recommenderFairnessReport({ evaluationId: runId, attribute: "loyaltyMember", minGroupSize: 40 });
    expect(f.report.minGroupSize).toBe(40);
    expect(f.report.summary.length).toBeGreaterThan(1);
    for (const sentence of f.report.summary) expect(sentence).toMatch(/^(nDCG for |By |\d+ groups? ha)[^\n]*\.$/);
    expect(f.report.summary.some((s) => s.startsWith('nDCG for gender "'))).toBe(true);
    expect(f.report.summary.some((s) => s.startsWith("By gender, the largest exposure difference is "))).toBe(true);
    const loyalty = f.report.ndcg.filter((g) => g.attribute === "loyaltyMember");
    expect(loyalty.map((g) => g.value)).toEqual(["false", "true"]);
    expect(loyalty.reduce((n, g) => n + g.users, 0)).toBe(f.users);
    expect(f.intersections).toEqual(["gender × age band", "gender × country", "gender × loyaltyMember", "age band × country", "age band × loyaltyMember", "country × loyaltyMember"]);
    const pairs = f.report.ndcg.filter((g) => f.intersections.includes(g.attribute));
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((g) => g.users >= 40 && !g.unknown && !g.tooSmall)).toBe(true);
    // Of the pairs, the sentences name only the least-served group of all and the widest exposure difference.
    const worst = pairs.filter((g) => !g.isBest).reduce((w, g) => (g.ratioToBest! < w.ratioToBest! ? g : w));
    const told = f.report.summary.filter((s) => f.intersections.some((p) => s.includes(`${p} "`) || s.startsWith(`By ${p},`)));
    expect(told).toHaveLength(2);
    expect(told[0]).toMatch(new RegExp(`^nDCG for ${worst.attribute} "${worst.value}" is ${worst.ratioToBest!.toFixed(2)}× `));
    expect(told[1]).toMatch(/^By [^,]+ × [^,]+, the largest exposure difference is /);
  });

  it("flags the sized groups under 0.8× their best group's nDCG whose interval lies below the best's", async () => {
    // Groups of two or more are compared: small pairs of customers with no hits at all (interval 0–0) appear.
    const f = await recommenderFairnessReport({ evaluationId: runId, minGroupSize: 2 });
    const best = new Map(f.report.ndcg.filter((g) => g.isBest).map((g) => [g.attribute, g]));
    const expected = f.report.ndcg.filter((g) => !g.isBest && !g.tooSmall && !g.unknown && g.ratioToBest! < 0.8 && g.high! < best.get(g.attribute)!.low!);
    expect(expected.length).toBeGreaterThan(0);
    expect(f.flags.map((x) => x.group)).toEqual(expected);
    expect(f.flags.every((x) => x.best === best.get(x.group.attribute))).toBe(true);
  });

  it("refuses an unknown algorithm, attribute or evaluation and a bad minimum group size, saying which", async () => {
    await expect(recommenderFairnessReport({ algorithm: "als" })).rejects.toThrow(`evaluation ${runId} has no algorithm "als" (algorithms: popularity, item-knn)`);
    await expect(recommenderFairnessReport({ attribute: "shoeSize" })).rejects.toThrow('no customer has an attribute "shoeSize" (attributes: device, loyaltyMember, marketingOptIn)');
    await expect(recommenderFairnessReport({ evaluationId: runId + 1000 })).rejects.toThrow(`there is no completed recommender evaluation ${runId + 1000}`);
    for (const minGroupSize of [0, 2.5, 2_000_000]) {
      await expect(recommenderFairnessReport({ minGroupSize })).rejects.toThrow("the minimum group size must be a whole number from 1 to 1,000,000");
    }
    await expect(recommenderFairnessReport({ attribute: "shoeSize" })).rejects.toBeInstanceOf(UserError);
  });
});
