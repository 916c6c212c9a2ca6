// A cluster saved as an editable rule segment: its distinguishing conditions, each feature between the
// cluster's 10th and 90th percentile. The rule approximates the cluster (k-means borders are not boxes):
// the saved segment says so, and people can widen or narrow it like any other rule.
import type { Feature } from "../ml/customer-features";
import type { RuleNode } from "./rules";

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `asOf` is the clustering's "as of" instant: recency and tenure count back from it. */
export function clusterRule(ranges: Partial<Record<Feature, [number, number]>>, asOf: number): RuleNode {
  const all: RuleNode[] = [];
  const r = ranges;
  if (r.frequency) all.push({ field: "orders", op: "between", values: [Math.floor(r.frequency[0]), Math.ceil(r.frequency[1])] });
  if (r.monetary) all.push({ field: "revenue", op: "between", values: [Math.floor(r.monetary[0]), Math.ceil(r.monetary[1])] });
  if (r.recencyDays) all.push({ field: "lastPurchaseAt", op: "between", values: [day(asOf - Math.ceil(r.recencyDays[1]) * DAY), day(asOf - Math.floor(r.recencyDays[0]) * DAY)] });
  if (r.tenureDays) all.push({ field: "firstPurchaseAt", op: "between", values: [day(asOf - Math.ceil(r.tenureDays[1]) * DAY), day(asOf - Math.floor(r.tenureDays[0]) * DAY)] });
  return { all };
}
