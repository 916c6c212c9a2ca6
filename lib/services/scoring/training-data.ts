// The shop's scoring inputs from the database: every impression labelled clicked or not (or every click
// labelled converted or not) with the features lib/analytics/scoring-features.ts builds, and the same
// features for every customer under a campaign set-up, for scoring audiences.
import { holdoutArmIds } from "../../analytics/holdout";
import { labelExposures, type LabelledExposures, type ResponseTarget } from "../../analytics/response-labels";
import { buildScoringTable, type CampaignSetup, type ScoringSources } from "../../analytics/scoring-features";
import { loadPurchases } from "../../db/attribution-data";
import { listCampaigns } from "../../db/campaign-report";
import { listCampaignPerformance } from "../../db/campaigns";
import { ALL_TIME } from "../../db/date-range";
import { countCustomers, latestActivityAt, loadCustomerFacts, loadPurchaseLines, loadResponseEvents, type ResponseEvents } from "../../db/scoring-data";
import { unpackI32 } from "../../ml/codec";
import type { FeatureSchema, FeatureTable, LabelledTable } from "../../ml/scoring/features";
import { campaignDataStamp } from "../../db/campaign-audience";
import { getLatestJobId } from "../../db/jobs";
import { purchaseDataStamp } from "../../db/purchase-history";
import { CLUSTER_RUN_KIND, clusterName, latestClusters } from "../segments/clusters";

export const TARGET_NOUN: Record<ResponseTarget, { one: string; many: string; exposure: string }> = {
  click: { one: "a click", many: "clicks", exposure: "impressions" },
  conversion: { one: "a conversion", many: "conversions", exposure: "clicks" },
};

export interface ScoringInputs {
  readonly sources: ScoringSources;
  readonly setups: ReadonlyMap<number, CampaignSetup>;
  readonly events: ResponseEvents;
  /** Holdout arms (lib/analytics/holdout.ts): their "impressions" are assignments nobody could click. */
  readonly holdouts: ReadonlySet<number>;
  /** The latest activity in the data: "now" for scoring audiences, so the demo scores the same every day. */
  readonly asOf: number;
}

// Every customer's inputs, kept for the targeting and fairness pages: at 100,000 customers and 2,000,000
// events reading them takes 6.5 s (bench:scoring part 2), scoring them under a set-up under 2 s. The key
// changes with any import, new campaign event, customer added or erased, or clustering run.
let cached: { key: string; inputs: ScoringInputs } | null = null;

async function inputsKey(): Promise<string> {
  const [purchases, campaigns, clusters, customers] = await Promise.all([purchaseDataStamp(), campaignDataStamp(), getLatestJobId(CLUSTER_RUN_KIND), countCustomers()]);
  return `${purchases}|${campaigns}|${clusters?.id ?? ""}|${customers}`;
}

/** Everything scoring reads: of every customer (cached until the data changes), or of one (the customer page, the API). */
export async function loadScoringInputs(customerId?: number): Promise<ScoringInputs> {
  if (customerId !== undefined) return readScoringInputs(customerId);
  const key = await inputsKey();
  if (cached?.key === key) return cached.inputs;
  const inputs = await readScoringInputs();
  cached = { key, inputs };
  return inputs;
}

async function readScoringInputs(customerId?: number): Promise<ScoringInputs> {
  const [campaigns, clusters, performance] = await Promise.all([listCampaigns(), latestClusters(), listCampaignPerformance(ALL_TIME)]);
  // One after another: these are the largest reads of the app, and each is held as typed columns only.
  const events = await loadResponseEvents(customerId);
  const orders = await loadPurchases(customerId);
  const lines = await loadPurchaseLines(customerId);
  const customers = await loadCustomerFacts(customerId);
  const members = clusters?.result.members;
  const sources: ScoringSources = {
    customers,
    orders,
    lines,
    events,
    clusters: members
      ? { ids: unpackI32(members.ids, "cluster members"), cluster: unpackI32(members.labels, "cluster labels"), names: clusters.result.profiles.map((_, j) => clusterName(clusters.result, j)) }
      : null,
  };
  const setups = new Map(campaigns.map((c) => [c.id, { channel: c.channel, adType: c.adType, adPosition: c.adPosition, variant: c.variant }]));
  const holdouts = holdoutArmIds(performance.filter((c) => c.testGroup !== null));
  return { sources, setups, events, holdouts, asOf: (await latestActivityAt()) ?? Date.now() };
}

export interface ResponseTable {
  readonly table: LabelledTable;
  readonly time: Float64Array;
  readonly customer: Int32Array;
}

/** Every exposure of the target's kind, labelled, with its features; a holdout's assignments are not exposures. */
export function buildResponseTable(inputs: ScoringInputs, target: ResponseTarget): ResponseTable {
  const x = withoutCampaigns(labelExposures(inputs.events, target), inputs.holdouts);
  const none: CampaignSetup = { channel: null, adType: null, adPosition: null, variant: null };
  const table = buildScoringTable(inputs.sources, { customer: x.customer, time: x.time, setup: (r) => inputs.setups.get(x.campaign[r]!) ?? none });
  return { table: { ...table, label: x.label }, time: x.time, customer: x.customer };
}

function withoutCampaigns(x: LabelledExposures, skip: ReadonlySet<number>): LabelledExposures {
  if (skip.size === 0) return x;
  const keep = Int32Array.from([...x.campaign.keys()].filter((r) => !skip.has(x.campaign[r]!)));
  const take = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T) => {
    const out = make(keep.length);
    keep.forEach((r, i) => (out[i] = a[r]!));
    return out;
  };
  return { customer: take(x.customer, (n) => new Int32Array(n)), campaign: take(x.campaign, (n) => new Int32Array(n)), time: take(x.time, (n) => new Float64Array(n)), label: take(x.label, (n) => new Uint8Array(n)) };
}

/** Every customer (or the given ones) as of `inputs.asOf`, shown `setup` at `sendAt` (its weekday and hour). */
export function buildAudienceTable(inputs: ScoringInputs, schema: readonly FeatureSchema[], setup: CampaignSetup, sendAt: number, customerIds?: Int32Array): { table: FeatureTable; customer: Int32Array } {
  const customer = customerIds ?? inputs.sources.customers.ids;
  const time = new Float64Array(customer.length).fill(inputs.asOf);
  return { table: buildScoringTable(inputs.sources, { customer, time, setup: () => setup, sendAt: () => sendAt }, schema), customer };
}
