import { beforeAll, describe, expect, it } from "vitest";
import { insertCampaignEvents, insertCampaigns, getCampaignIdsByExternalId } from "../../db/campaigns";
import { loadCustomerExtras } from "../../db/customer-extras";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { getModelRunStatus, latestModelRun } from "../../db/model-runs";
import { getProductIdsByExternalId, insertProducts } from "../../db/products";
import { loadPurchaseHistory } from "../../db/purchase-history";
import { customerFeatures } from "../../ml/customer-features";
import { prepareDatabase } from "../prepare-database";
import { CLUSTER_RUN_KIND, type ClusterResult, clusterName, renameCluster, startClustersJob } from "./clusters";

const day = (d: string) => new Date(`${d}T12:00:00Z`);

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([
    { externalId: "A", age: 30, income: 50_000 },
    { externalId: "B", birthYear: 1976 },
    { externalId: "C" },
    { externalId: "D", age: 60, income: 20_000 },
  ]);
  await insertProducts([
    { externalId: "p1", name: "Spade", category: "Garden" },
    { externalId: "p2", name: "Pan", category: "Kitchen" },
  ]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  const buy = (who: string, what: string, d: string, revenue: number) => ({ customerId: c.get(who)!, productId: p.get(what)!, type: "purchase", revenue, orderId: `${who}${d}`, occurredAt: day(d) });
  await insertEvents([
    buy("A", "p1", "2026-03-01", 30), buy("A", "p2", "2026-03-01", 10),
    buy("B", "p2", "2026-02-01", 100),
    buy("C", "p1", "2026-03-20", 5), buy("C", "p1", "2026-03-25", 15),
    buy("D", "p2", "2026-01-10", 40),
  ]);
  await insertCampaigns([{ externalId: "spring", name: "Spring" }]);
  const campaign = (await getCampaignIdsByExternalId()).get("spring")!;
  await insertCampaignEvents([
    { campaignId: campaign, customerId: c.get("A")!, type: "click", occurredAt: day("2026-02-01") },
    { campaignId: campaign, customerId: c.get("A")!, type: "click", occurredAt: day("2026-02-02") },
    { campaignId: campaign, customerId: c.get("A")!, type: "conversion", occurredAt: day("2026-02-02") },
    { campaignId: campaign, customerId: c.get("C")!, type: "click", occurredAt: day("2026-03-22") },
    // After the "as of" date (the day after the last purchase): not counted.
    { campaignId: campaign, customerId: c.get("D")!, type: "click", occurredAt: day("2026-04-15") },
  ]);
});

describe("customer features beyond purchases", () => {
  it("loads campaign engagement, demographics (median for unknowns) and share of spend per category", async () => {
    const h = await loadCustomerExtras(await loadPurchaseHistory(), new Set(["engagement", "demographics", "categories"]));
    expect(new Date(h.asOf).toISOString().slice(0, 10)).toBe("2026-03-26");
    const f = customerFeatures(h);
    // Customers A, B, C, D in id order.
    expect(Array.from(f.clicks)).toEqual([2, 0, 1, 0]);
    expect(Array.from(f.conversions)).toEqual([1, 0, 0, 0]);
    // B's age comes from the birth year (2026 − 1976); C's is unknown, so the median of 30, 50, 60.
    expect(Array.from(f.age)).toEqual([30, 50, 50, 60]);
    expect(Array.from(f.income)).toEqual([50_000, 35_000, 35_000, 20_000]);
    // Kitchen sold 150, Garden 50: the categories come by revenue.
    expect(h.categories).toEqual(["Kitchen", "Garden"]);
    expect(Array.from(f["share:Kitchen"]!)).toEqual([0.25, 1, 0, 1]);
    expect(Array.from(f["share:Garden"]!)).toEqual([0.75, 0, 1, 0]);
  });
});

describe("clustering as a background job", () => {
  it("reports progress, stores the result with a scatter, and keeps names people give", async () => {
    const { runId, done } = await startClustersJob({ k: 2, features: ["monetary", "clicks", "share:Garden"], transform: "log1p-zscore", seed: 1 });
    expect((await getModelRunStatus(runId))!.status).toBe("running");
    await done;
    const status = (await getModelRunStatus(runId))!;
    expect(status).toMatchObject({ status: "completed", progress: 1, message: null });
    const run = (await latestModelRun<ClusterResult>(CLUSTER_RUN_KIND))!;
    expect(run.id).toBe(runId);
    expect(run.result.sizes.reduce((a, b) => a + b, 0)).toBe(4);
    expect(run.result.scatter!.points).toHaveLength(4);
    expect(run.result.scatter!.explained[0]).toBeGreaterThanOrEqual(run.result.scatter!.explained[1]);
    await renameCluster(runId, 1, "  Garden clickers ");
    const renamed = (await latestModelRun<ClusterResult>(CLUSTER_RUN_KIND))!.result;
    expect(clusterName(renamed, 1)).toBe("Garden clickers");
    expect(clusterName(renamed, 0)).toBe(renamed.profiles[0]!.name);
    await renameCluster(runId, 1, "");
    expect(clusterName((await latestModelRun<ClusterResult>(CLUSTER_RUN_KIND))!.result, 1)).toBe(renamed.profiles[1]!.name);
    await expect(renameCluster(runId, 2, "x")).rejects.toThrow(`run ${runId} has no cluster 3`);
  });

  it("fails the run with the reason when the request cannot be met", async () => {
    const { runId, done } = await startClustersJob({ k: 5, features: ["monetary"], transform: "log1p-zscore", seed: 1 });
    await done;
    expect(await getModelRunStatus(runId)).toMatchObject({ status: "failed", message: "k = 5 is more than the 4 rows to cluster" });
  });

  it("shows a started run silent for fifteen minutes as stopped with its server, and fails orphans at start", async () => {
    const { runId, done } = await startClustersJob({ k: 2, features: ["monetary"], transform: "none", seed: 1 });
    await done;
    const { createRunningModelRun } = await import("../../db/model-runs");
    const orphan = await createRunningModelRun(CLUSTER_RUN_KIND, {});
    const { markModelRunStarted } = await import("../../db/model-runs");
    // Queued runs wait their turn and are never "silent"; once started, fifteen minutes without a report is.
    expect((await getModelRunStatus(orphan, Date.now() + 3_600_000))!.status).toBe("running");
    await markModelRunStarted(orphan);
    expect((await getModelRunStatus(orphan, Date.now() + 60_000))!.status).toBe("running");
    expect((await getModelRunStatus(orphan, Date.now() + 15 * 60_000 + 1_000))!).toMatchObject({ status: "failed", message: "The server stopped while this was computing. Start it again." });
    expect((await getModelRunStatus(runId))!.status).toBe("completed");
    const { failOrphanedModelRuns } = await import("../../db/model-runs");
    expect(await failOrphanedModelRuns()).toBe(1);
    expect((await getModelRunStatus(orphan))!.status).toBe("failed");
  });
});

describe("a job in its own process", () => {
  const runChild = async (runId: number) => {
    const { spawnSync } = await import("node:child_process");
    return spawnSync(process.execPath, ["--import", "tsx", "scripts/run-job.ts", String(runId)], { env: process.env, encoding: "utf8" });
  };

  it("computes a queued run in a child process and records the result", async () => {
    const { createRunningModelRun } = await import("../../db/model-runs");
    const runId = await createRunningModelRun(CLUSTER_RUN_KIND, { k: 2, features: ["monetary"], transform: "none", seed: 3 });
    const child = await runChild(runId);
    expect(child.status).toBe(0);
    expect(await getModelRunStatus(runId)).toMatchObject({ status: "completed", progress: 1 });
    expect((await latestModelRun<ClusterResult>(CLUSTER_RUN_KIND))!.result.sizes.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("leaves a run failed at a restart failed, rather than computing it after all", async () => {
    const { createRunningModelRun, failOrphanedModelRuns } = await import("../../db/model-runs");
    const runId = await createRunningModelRun(CLUSTER_RUN_KIND, { k: 2, features: ["monetary"], transform: "none", seed: 3 });
    await failOrphanedModelRuns();
    expect((await runChild(runId)).status).toBe(0);
    expect(await getModelRunStatus(runId)).toMatchObject({ status: "failed", message: "The server stopped while this was computing. Start it again." });
  });

  it("fails a run of a kind it does not know, with the reason", async () => {
    const { createRunningModelRun } = await import("../../db/model-runs");
    const runId = await createRunningModelRun("nonsense", {});
    expect((await runChild(runId)).status).toBe(0);
    expect(await getModelRunStatus(runId)).toMatchObject({ status: "failed", message: 'There is no job of kind "nonsense".' });
  });
});
