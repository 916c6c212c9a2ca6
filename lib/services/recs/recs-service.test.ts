import { beforeAll, describe, expect, it } from "vitest";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { getJobRow, getLatestJobResult, type JobResultRow } from "../../db/jobs";
import { getProductIdsByExternalId, insertProducts } from "../../db/products";
import { prepareDatabase } from "../prepare-database";
import { recommendForCustomer } from "./serving";
import { DEFAULT_INTERACTIONS } from "./training-data";
import { EVALUATION_JOB, TRAINING_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { UserError } from "@/lib/errors";

let c: Map<string, number>;
let p: Map<string, number>;

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  // Everyone who bought lives in the UK; NEW is French (no one to compare with), NEWUK is British.
  await insertCustomers([...["A", "B", "C", "D", "E"].map((externalId) => ({ externalId, country: "UK" })), { externalId: "NEW", country: "France" }, { externalId: "NEWUK", country: "UK" }]);
  await insertProducts([
    { externalId: "spade", name: "Steel spade", category: "Garden", price: 20 },
    { externalId: "rake", name: "Leaf rake", category: "Garden", price: 15 },
    { externalId: "gloves", name: "Garden gloves", category: "Garden", price: 5 },
    { externalId: "pan", name: "Frying pan", category: "Kitchen", price: 30 },
    { externalId: "kettle", name: "Steel kettle", category: "Kitchen", price: 25 },
    { externalId: "old", name: "Old hose", category: "Garden", price: 9, isActive: false },
  ]);
  c = await getCustomerIdsByExternalId();
  p = await getProductIdsByExternalId();
  const at = new Date("2026-03-01T10:00:00Z");
  const buy = (who: string, what: string) => ({ customerId: c.get(who)!, productId: p.get(what)!, type: "purchase", revenue: 1, occurredAt: at });
  await insertEvents([
    buy("A", "spade"), buy("A", "rake"), buy("A", "gloves"), buy("A", "old"),
    buy("B", "spade"), buy("B", "rake"), buy("B", "old"),
    buy("C", "spade"), buy("C", "gloves"),
    buy("D", "pan"), buy("D", "kettle"),
    buy("E", "pan"),
  ]);
});

describe("training and serving recommenders", () => {
  it("trains every model as a job, then recommends with exclusions and reasons in words", async () => {
    const runId = await enqueueJob(TRAINING_JOB, { interactions: DEFAULT_INTERACTIONS, algorithms: [] });
    expect(await runJobHere(runId)).toMatchObject({ status: "completed" });
    // B has spade and rake: gloves go with spade (A, C) and rake (A); the inactive hose is never offered.
    const r = (await recommendForCustomer(c.get("B")!, "item-knn", 3))!;
    expect(r.cold).toBe(false);
    expect(r.items.map((i) => i.externalId)[0]).toBe("gloves");
    expect(r.items.some((i) => i.externalId === "old" || i.externalId === "spade")).toBe(false);
    expect(r.items[0]!.reason).toMatch(/^Because they bought “(Steel spade|Leaf rake)”( and “(Steel spade|Leaf rake)”)?\.$/);
    expect(r.items[0]!.why).toMatchObject({ kind: "because-items" });
    // Exclusions: no Garden items, and a price ceiling.
    const kitchen = (await recommendForCustomer(c.get("B")!, "popularity", 5, { categories: ["Garden"], maxPrice: 26 }))!;
    expect(kitchen.items.map((i) => i.externalId)).toEqual(["kettle"]);
    // Buy-again only offers what they already bought, when bought items are allowed.
    const again = (await recommendForCustomer(c.get("E")!, "buy-again", 3, { excludeBought: false }))!;
    expect(again.items.map((i) => [i.externalId, i.reason])).toEqual([["pan", "They bought it once, last on 2026-03-01."]]);
  });

  it("offers a new customer what customers with the same profile chose", async () => {
    const r = (await recommendForCustomer(c.get("NEWUK")!, "hybrid", 2))!;
    expect(r.cold).toBe(true);
    // Spade is held by 3 of the 5 UK customers; pan and rake by 2 each (the inactive hose is excluded).
    expect(r.items[0]!.externalId).toBe("spade");
    expect(r.items[0]!.reason).toBe("New customer: no purchase history yet, so what customers with the same profile chose stands in. Popular with customers who share their country UK: 3 of them chose it.");
  });

  it("labels a customer with no history and falls back in the hybrid", async () => {
    const r = (await recommendForCustomer(c.get("NEW")!, "hybrid", 2))!;
    expect(r.cold).toBe(true);
    expect(r.items.length).toBe(2);
    expect(r.items[0]!.reason).toMatch(/^New customer: no purchase history yet, so best sellers stand in\. /);
  });

  it("says when an algorithm was not trained", async () => {
    // Trending is trained by default: A's own items are excluded, leaving pan (D and E) and kettle (D).
    const trending = (await recommendForCustomer(c.get("A")!, "trending", 2))!;
    expect(trending.items.map((i) => [i.externalId, i.score])).toEqual([["pan", 2], ["kettle", 1]]);
    await expect(recommendForCustomer(c.get("A")!, "nonsense" as never, 2)).rejects.toEqual(new UserError('"nonsense" was not trained; train the models again to include it', "conflict"));
    await expect(recommendForCustomer(c.get("A")!, "nonsense" as never, 2)).rejects.toBeInstanceOf(UserError);
  });
});

describe("customers who bought this also bought", () => {
  it("lists the nearest products with how many customers have both", async () => {
    const { alsoBoughtFromModels, loadServingModels } = await import("./serving");
    const m = (await loadServingModels())!;
    const also = (await alsoBoughtFromModels(m, p.get("spade")!, 5))!;
    // Spade buyers A, B, C: rake (A, B) and gloves (A, C) each share 2; kitchen items share none and drop out;
    // the inactive hose (A, B) is never offered.
    expect(also.map((a) => [a.externalId, a.together]).sort()).toEqual([["gloves", 2], ["rake", 2]]);
    expect(await alsoBoughtFromModels(m, 999_999, 5)).toBeNull();
  });
});

describe("offline evaluation on the database", () => {
  it("splits per customer, fits each algorithm and scores its lists, as a job", async () => {
    const { EVALUATION_RUN_KIND } = await import("./evaluation");
    const runId = await enqueueJob(EVALUATION_JOB, { split: "user", relevance: "new-items", k: 2, seed: 1, algorithms: ["popularity", "item-knn"] });
    expect(await runJobHere(runId)).toMatchObject({ status: "completed" });
    const r = (await (getLatestJobResult(EVALUATION_RUN_KIND) as Promise<JobResultRow<import("./evaluation").EvaluationResult> | null>))!.result;
    // A (4 items) holds out 1, B (3) 1, C (2) 1, D (2) 1; E has one item and keeps it.
    expect(r.users).toBe(4);
    expect(r.trainInteractions + r.testInteractions).toBe(12);
    expect(r.rows.map((row) => row.name)).toEqual(["popularity", "item-knn"]);
    const [pop, knn] = r.rows;
    if (!pop?.ok || !knn?.ok) throw new Error(`both algorithms should run: ${JSON.stringify(r.rows)}`);
    // One held-out item per customer, so each customer's nDCG@2 is 1 (hit first), 1/log2(3) (hit second) or 0,
    // and the mean over 4 is (first + second / log2(3)) / 4. The seed-1 split gives popularity one hit, second;
    // item-kNN one hit first and two second (hit rates 1/4 and 3/4; MAP (½)/4 and (1 + ½ + ½)/4 agree).
    expect([pop.hitRate, pop.map, knn.hitRate, knn.map]).toEqual([0.25, 0.125, 0.75, 0.5]);
    expect(pop.ndcg).toBeCloseTo(1 / Math.log2(3) / 4, 12);
    expect(knn.ndcg).toBeCloseTo((1 + 2 / Math.log2(3)) / 4, 12);
  });

  it("takes customers' segments as they stood at a time split's cut-off, not from the purchases it predicts", async () => {
    const { rfmSegments } = await import("./training-data");
    const ids = Int32Array.from(["A", "E", "NEW"].map((x) => c.get(x)!));
    const now = Array.from(await rfmSegments(ids));
    expect(now[0]).toBeGreaterThanOrEqual(0);
    expect(now[1]).toBeGreaterThanOrEqual(0);
    expect(now[2]).toBe(-1);
    // Every purchase is on 2026-03-01: a day earlier, nobody had bought anything yet.
    expect(Array.from(await rfmSegments(ids, Date.parse("2026-03-01T00:00:00Z")))).toEqual([-1, -1, -1]);
  });

  it("fails with the reason when a time split leaves nothing to train on", async () => {
    const runId = await enqueueJob(EVALUATION_JOB, { split: "time", testFrom: "2026-01-01", relevance: "all", k: 5, seed: 1, algorithms: ["popularity"] });
    await runJobHere(runId);
    expect(await getJobRow(runId)).toMatchObject({ status: "failed", message: "no events before 2026-01-01: choose a later test start" });
  });
});

describe("serving keeps up with the data after training", () => {
  it("excludes products bought since training and shows a product deactivated since as gone", async () => {
    const { loadServingModels } = await import("./serving");
    const before = (await recommendForCustomer(c.get("C")!, "item-knn", 5))!.items.map((i) => i.externalId);
    expect(before).toContain("rake");
    await insertEvents([{ customerId: c.get("C")!, productId: p.get("rake")!, type: "purchase", revenue: 1, occurredAt: new Date("2026-03-05T10:00:00Z") }]);
    expect((await recommendForCustomer(c.get("C")!, "item-knn", 5))!.items.map((i) => i.externalId)).not.toContain("rake");
    const { getDb } = await import("../../db/client");
    await getDb().product.update({ where: { id: p.get("pan")! }, data: { isActive: false } });
    expect((await recommendForCustomer(c.get("B")!, "popularity", 10))!.items.map((i) => i.externalId)).not.toContain("pan");
    expect((await loadServingModels())!.catalogue.isActive[(await loadServingModels())!.catalogue.externalIds.indexOf("pan")]).toBe(0);
  });
});

describe("the model store", () => {
  const train = async () => {
    const id = await enqueueJob(TRAINING_JOB, { interactions: DEFAULT_INTERACTIONS, algorithms: ["popularity", "trending", "item-knn", "content"], tune: false });
    expect(await runJobHere(id)).toMatchObject({ status: "completed" });
    return id;
  };

  it("keeps each model apart from the run's small summary, and the models of the newest two runs only", async () => {
    const { listModels } = await import("../../db/model-store");
    const first = await train();
    const stored = await listModels(first);
    expect(stored.map((s) => s.name)).toEqual(["content", "item-knn", "popularity", "training-matrix", "trending"]);
    expect(stored.every((s) => s.bytes > 0)).toBe(true);
    const summary = (await getLatestJobResult("recommenders"))!;
    expect(summary.id).toBe(first);
    const result = summary.result as Record<string, unknown>;
    expect(result).toMatchObject({ version: 2, users: 5, items: 6 });
    expect(result.modelBytes).toEqual(Object.fromEntries(stored.filter((s) => s.name !== "training-matrix").map((s) => [s.name, s.bytes])));
    expect(Object.keys(result)).not.toContain("inline");
    const second = await train();
    const third = await train();
    expect(await listModels(first)).toEqual([]);
    expect((await listModels(second)).length).toBe(5);
    expect((await listModels(third)).length).toBe(5);
    expect((await recommendForCustomer(c.get("B")!, "item-knn", 1))!.items[0]!.externalId).toBe("gloves");
  });

  it("says a model that is no longer stored must be trained again", async () => {
    const { directDb } = await import("../../db/direct");
    const run = (await getLatestJobResult("recommenders"))!.id;
    await directDb().run(`DELETE FROM "ModelPart" WHERE "jobId" = ? AND "name" = 'content'`, [run]);
    await expect(recommendForCustomer(c.get("B")!, "content", 2)).rejects.toEqual(
      new UserError(`the stored content model of training run ${run} could not be read (it is no longer stored); train the models again on the Recommendations page`, "conflict"),
    );
  });

  it("drops what a run stored when it fails after storing some", async () => {
    const { insertJob } = await import("../../db/jobs");
    const { listModels } = await import("../../db/model-store");
    const { trainingJob } = await import("./training");
    const { JobCancelled } = await import("../jobs/job-kind");
    const jobId = await insertJob("recommenders", {});
    const notes: string[] = [];
    const progress = async (_f: number, note: string) => {
      notes.push(note);
      if (note.startsWith("Training trending")) throw new JobCancelled();
    };
    await expect(trainingJob({ interactions: DEFAULT_INTERACTIONS, algorithms: ["popularity", "trending"], tune: false }, { jobId, progress })).rejects.toBeInstanceOf(JobCancelled);
    // Popularity had been fitted and stored before trending began.
    expect(notes).toContain("Training popularity (1 of 2)…");
    expect(await listModels(jobId)).toEqual([]);
  });

  it("still serves a run stored before models moved out of Job.result (format version 1)", async () => {
    const { getDb } = await import("../../db/client");
    const { readModel } = await import("../../db/model-store");
    const { decodeBinary } = await import("../../ml/codec");
    const latest = (await getLatestJobResult("recommenders"))!;
    const v2 = latest.result as Record<string, unknown>;
    const matrix = decodeBinary((await readModel(latest.id, "training-matrix"))!) as object;
    const popularity = decodeBinary((await readModel(latest.id, "popularity"))!);
    const { modelBytes: _, ...rest } = v2;
    // What version 1 wrote: the ids, the matrix and the models inline, as JSON (base64 arrays).
    const v1 = JSON.parse(JSON.stringify({ ...rest, version: 1, ...matrix, models: { popularity } }));
    const expected = (await recommendForCustomer(c.get("B")!, "popularity", 10))!.items.map((i) => i.externalId);
    const old = await getDb().job.create({ data: { kind: "recommenders", status: "completed", parameters: { version: 1 }, result: v1, finishedAt: new Date() } });
    try {
      const { loadServingModels } = await import("./serving");
      expect((await loadServingModels())!.runId).toBe(old.id);
      const r = (await recommendForCustomer(c.get("B")!, "popularity", 10))!;
      expect(r.items.map((i) => i.externalId)).toEqual(expected);
      await expect(recommendForCustomer(c.get("B")!, "item-knn", 1)).rejects.toEqual(new UserError('"item-knn" was not trained; train the models again to include it', "conflict"));
    } finally {
      await getDb().job.delete({ where: { id: old.id } });
    }
  });
});
