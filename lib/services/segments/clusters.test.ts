import { beforeAll, describe, expect, it } from "vitest";
import { insertCampaignEvents, insertCampaigns, getCampaignIdsByExternalId } from "../../db/campaigns";
import { loadCustomerExtras } from "../../db/customer-extras";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { getJobRow, getLatestJobResult, type JobResultRow, updateJobResult } from "../../db/jobs";
import { getProductIdsByExternalId, insertProducts } from "../../db/products";
import { loadPurchaseHistory } from "../../db/purchase-history";
import { customerFeatures } from "../../ml/customer-features";
import { prepareDatabase } from "../prepare-database";
import { CLUSTERS_JOB } from "../jobs/job-kinds";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { CLUSTER_RUN_KIND, type ClusterResult, clusterName, latestClusters, renameCluster } from "./clusters";
import { UserError } from "@/lib/errors";

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
    const runId = await enqueueJob(CLUSTERS_JOB, { k: 2, features: ["monetary", "clicks", "share:Garden"], transform: "log1p-zscore", seed: 1 });
    expect((await getJobRow(runId))!.status).toBe("queued");
    const done = await runJobHere(runId);
    expect(done).toMatchObject({ status: "completed", progress: 1, message: null });
    const run = (await (getLatestJobResult(CLUSTER_RUN_KIND) as Promise<JobResultRow<ClusterResult> | null>))!;
    expect(run.id).toBe(runId);
    expect(run.result.sizes.reduce((a, b) => a + b, 0)).toBe(4);
    expect(run.result.scatter!.points).toHaveLength(4);
    expect(run.result.scatter!.explained[0]).toBeGreaterThanOrEqual(run.result.scatter!.explained[1]);
    await renameCluster(runId, 1, "  Garden clickers ");
    const renamed = (await (getLatestJobResult(CLUSTER_RUN_KIND) as Promise<JobResultRow<ClusterResult> | null>))!.result;
    expect(clusterName(renamed, 1)).toBe("Garden clickers");
    expect(clusterName(renamed, 0)).toBe(renamed.profiles[0]!.name);
    await renameCluster(runId, 1, "");
    expect(clusterName((await (getLatestJobResult(CLUSTER_RUN_KIND) as Promise<JobResultRow<ClusterResult> | null>))!.result, 1)).toBe(renamed.profiles[1]!.name);
    await expect(renameCluster(runId, 2, "x")).rejects.toThrow(`run ${runId} has no cluster 3`);
    await expect(renameCluster(runId, 2, "x")).rejects.toEqual(new UserError(`run ${runId} has no cluster 3`, "not_found"));
    await expect(renameCluster(runId, 2, "x")).rejects.toBeInstanceOf(UserError);
  });

  it("reads a stored result from before versions, writes it back versioned, and refuses a newer one", async () => {
    const runId = await enqueueJob(CLUSTERS_JOB, { k: 2, features: ["monetary"], transform: "none", seed: 1 });
    await runJobHere(runId);
    const { version, ...v0 } = (await (getLatestJobResult(CLUSTER_RUN_KIND) as Promise<JobResultRow<ClusterResult> | null>))!.result;
    expect(version).toBe(1);
    await updateJobResult(runId, v0);
    await renameCluster(runId, 0, "Renamed");
    const written = (await (getLatestJobResult(CLUSTER_RUN_KIND) as Promise<JobResultRow<ClusterResult> | null>))!.result;
    expect(written.version).toBe(1);
    expect(written.names).toEqual(["Renamed", null]);
    await updateJobResult(runId, { ...written, version: 2 });
    const refused = `The stored clustering result of run ${runId} is in format version 2, written by a newer MarketLens than this one (which reads version 1): run the clustering again on the segments page.`;
    await expect(renameCluster(runId, 0, "x")).rejects.toThrow(refused);
    await expect(latestClusters()).rejects.toThrow(refused);
  });

  it("fails the job with the reason when the request cannot be met", async () => {
    const runId = await enqueueJob(CLUSTERS_JOB, { k: 5, features: ["monetary"], transform: "log1p-zscore", seed: 1 });
    expect(await runJobHere(runId)).toMatchObject({ status: "failed", message: "k = 5 is more than the 4 rows to cluster" });
  });
});
