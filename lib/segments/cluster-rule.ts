// A cluster saved as an editable rule segment: its distinguishing conditions, each feature between the
// cluster's 10th and 90th percentile. The rule approximates the cluster (k-means borders are not boxes):
// the saved segment says so, and people can widen or narrow it like any other rule. Features with no rule
// field (average order value, gaps between orders, campaign engagement, category shares) are left out,
// and `omitted` names them so the page can say so.
import { DAY_MS } from "../days";
import type { FeatureId } from "../ml/customer-features";
import type { RuleNode } from "./rules";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `asOf` is the clustering's "as of" instant: recency and tenure count back from it. */
export function clusterRule(ranges: Partial<Record<FeatureId, [number, number]>>, asOf: number): { rule: { all: RuleNode[] }; omitted: FeatureId[] } {
  const all: RuleNode[] = [];
  const omitted: FeatureId[] = [];
  for (const [feature, range] of Object.entries(ranges) as [FeatureId, [number, number]][]) {
    const [lo, hi] = range;
    switch (feature) {
      case "frequency":
        all.push({ field: "orders", op: "between", values: [Math.floor(lo), Math.ceil(hi)] });
        break;
      case "monetary":
        all.push({ field: "revenue", op: "between", values: [Math.floor(lo), Math.ceil(hi)] });
        break;
      case "recencyDays":
        all.push({ field: "lastPurchaseAt", op: "between", values: [day(asOf - Math.ceil(hi) * DAY_MS), day(asOf - Math.floor(lo) * DAY_MS)] });
        break;
      case "tenureDays":
        all.push({ field: "firstPurchaseAt", op: "between", values: [day(asOf - Math.ceil(hi) * DAY_MS), day(asOf - Math.floor(lo) * DAY_MS)] });
        break;
      case "age":
      case "income":
        all.push({ field: feature, op: "between", values: [Math.floor(lo), Math.ceil(hi)] });
        break;
      default:
        omitted.push(feature);
    }
  }
  return { rule: { all }, omitted };
}
