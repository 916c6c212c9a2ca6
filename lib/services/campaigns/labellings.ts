// The ways customers are grouped in campaign breakdowns, each turned into a Labelling (lib/analytics):
// RFM segment, k-means cluster of the latest run, saved segments, and customer facts (age band, gender,
// country, education, any imported attribute).
import { AGE_BANDS, ageBand } from "../../analytics/age-band";
import type { Labelling } from "../../analytics/segment-breakdown";
import { loadCustomerValues, loadSegmentMemberships } from "../../db/campaign-audience";
import { whileUnchanged } from "../../db/data-cache";
import { purchaseDataStamp } from "../../db/purchase-history";
import { listCustomerAttributeNames, listSegments } from "../../db/segments";
import { UserError } from "../../errors";
import { unpackI32 } from "../../ml/codec";
import { indexOfSorted } from "../../ml/sorted";
import { clusterName, latestClusters } from "../segments/clusters";
import { rfmSegmentsOfCustomers } from "../segments/rfm";

export const CAMPAIGN_DIMENSIONS = ["channel", "ad-type", "ad-position", "variant"] as const;
export type CampaignDimension = (typeof CAMPAIGN_DIMENSIONS)[number];
export const CUSTOMER_GROUPINGS = ["rfm", "cluster", "segments", "age-band", "gender", "country", "education"] as const;
export type CustomerGrouping = (typeof CUSTOMER_GROUPINGS)[number] | `attribute:${string}`;
/** What a breakdown is by: a campaign field, a customer grouping, or daily reports' own segment label. */
export type BreakdownKey = CampaignDimension | CustomerGrouping | "report-segment";

export const BREAKDOWN_LABEL: Record<string, string> = {
  channel: "Channel",
  "ad-type": "Ad type",
  "ad-position": "Ad position",
  variant: "Variant",
  rfm: "RFM segment",
  cluster: "Cluster",
  segments: "Saved segment",
  "age-band": "Age band",
  gender: "Gender",
  country: "Country",
  education: "Education",
  "report-segment": "Report segment (daily reports)",
};

export const breakdownLabel = (key: BreakdownKey): string => BREAKDOWN_LABEL[key] ?? `Attribute “${key.slice("attribute:".length)}”`;

export const isCampaignDimension = (key: string): key is CampaignDimension => (CAMPAIGN_DIMENSIONS as readonly string[]).includes(key);
export const isCustomerGrouping = (key: string): key is CustomerGrouping =>
  (CUSTOMER_GROUPINGS as readonly string[]).includes(key) || (key.startsWith("attribute:") && key.length > "attribute:".length && key.length <= 110);

/** The key from a URL or the CLI, or a UserError listing the choices. */
export function parseBreakdownKey(raw: string | undefined, fallback: BreakdownKey): BreakdownKey {
  if (raw === undefined || raw === "") return fallback;
  if (isCampaignDimension(raw) || isCustomerGrouping(raw) || raw === "report-segment") return raw;
  throw new UserError(`"${raw}" is not a breakdown: use one of ${[...CAMPAIGN_DIMENSIONS, ...CUSTOMER_GROUPINGS, "report-segment", "attribute:NAME"].join(", ")}`);
}

/** Customer groupings offered on the pages: the fixed ones and one per imported attribute. */
export async function listCustomerGroupings(): Promise<CustomerGrouping[]> {
  const names = await listCustomerAttributeNames();
  return [...CUSTOMER_GROUPINGS, ...names.map((n) => `attribute:${n}` as const)];
}

/** One group per customer, looked up by binary search in ascending ids. */
function single(title: string, groups: readonly string[], ids: Int32Array, group: ArrayLike<number>, unlabelled?: string): Labelling {
  const none: readonly number[] = [];
  const cache = groups.map((_, g) => [g] as const);
  return {
    title,
    groups,
    unlabelled,
    groupsOf(customerId) {
      const i = indexOfSorted(ids, customerId);
      if (i < 0) return none;
      const g = group[i]!;
      return g < 0 ? none : cache[g]!;
    },
  };
}

export async function buildLabelling(key: CustomerGrouping): Promise<Labelling> {
  const title = breakdownLabel(key);
  if (key === "rfm") {
    const r = await rfmSegmentsOfCustomers();
    return single(title, r.names, r.ids, r.segment, "No purchases yet");
  }
  if (key === "cluster") {
    const run = await latestClusters();
    if (!run?.result.members) throw new UserError("there are no clusters yet: run a clustering on the Segments page first");
    const names = run.result.profiles.map((_, j) => clusterName(run.result, j));
    return single(title, names, unpackI32(run.result.members.ids, "cluster members"), unpackI32(run.result.members.labels, "cluster labels"), "Not clustered");
  }
  if (key === "segments") {
    const segments = (await listSegments()).filter((s) => s.memberCount > 0);
    const m = await loadSegmentMemberships(segments.map((s) => s.id));
    const at = new Map(segments.map((s, i) => [s.id, i]));
    const of = new Map<number, number[]>();
    for (let i = 0; i < m.customer.length; i++) {
      const c = m.customer[i]!;
      const list = of.get(c);
      const g = at.get(m.segment[i]!)!;
      if (list) list.push(g);
      else of.set(c, [g]);
    }
    const none: number[] = [];
    return { title, groups: segments.map((s) => s.name), unlabelled: "In no saved segment", groupsOf: (c) => of.get(c) ?? none };
  }
  if (key.startsWith("attribute:")) {
    const name = key.slice("attribute:".length);
    if (!(await listCustomerAttributeNames()).includes(name)) throw new UserError(`no customer has an attribute “${name}”: imported attributes are ${(await listCustomerAttributeNames()).join(", ") || "none yet"}`);
  }
  // A million customers' values read and grouped: kept until customers change, as the pages' other breakdowns.
  return whileUnchanged(`labelling ${key}`, [purchaseDataStamp], () => labelByValue(key, title));
}

async function labelByValue(key: CustomerGrouping, title: string): Promise<Labelling> {
  const field = key === "age-band" ? { column: "age" as const } : key.startsWith("attribute:") ? { attribute: key.slice("attribute:".length) } : { column: key as "gender" | "country" | "education" };
  const { ids, values } = await loadCustomerValues(field);
  const labels = values.map((v) => (key === "age-band" ? ageBand(typeof v === "number" ? v : v === null ? null : Number(v)) : v === null || v === "" ? null : String(v)));
  // A grouping is read as rows and heatmap columns: past MAX_GROUPS values (postcodes, free text) the
  // rarest are pooled, so the page stays readable and no near-unique value singles a customer out.
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  const kept = key === "age-band" ? [...AGE_BANDS] : [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_GROUPS).map(([l]) => l);
  const pooled = counts.size > kept.length && key !== "age-band";
  const groups: string[] = pooled ? [...kept, `Other values (${counts.size - kept.length})`] : kept;
  const index = new Map(kept.map((g, i) => [g, i]));
  const group = Int32Array.from(labels, (l) => (l === null ? -1 : (index.get(l) ?? (pooled ? kept.length : -1))));
  return single(title, groups, ids, group, "Unknown");
}

const MAX_GROUPS = 30;
