// Campaign activity by customer group: per-customer, per-campaign totals (read once from the database)
// folded into groups by a labelling (RFM segment, cluster, saved segment, age band, any attribute).
// Saved segments may overlap, so a customer can count in several groups; every other labelling puts each
// customer in exactly one group.
import type { CampaignTotals } from "./campaign-kpis";
import { addTotals, zeroTotals } from "./campaign-rollup";

/** One row per (customer, campaign) with that customer's totals on that campaign, as typed columns. */
export interface CustomerCampaignTotals {
  customer: Int32Array;
  campaign: Int32Array;
  impressions: Float64Array;
  clicks: Float64Array;
  conversions: Float64Array;
  cost: Float64Array;
  revenue: Float64Array;
}

export interface Labelling {
  /** What the groups are ("RFM segment", "Age band"). */
  title: string;
  groups: readonly string[];
  /** The group indices of a customer; customers without one fall in `unlabelled` when it is set. */
  groupsOf(customerId: number): readonly number[];
  unlabelled?: string;
}

export interface SegmentBreakdown {
  title: string;
  groups: string[];
  /** totals[group] over every campaign given. */
  totals: CampaignTotals[];
  /** cells.get(campaignId)[group]. */
  cells: Map<number, CampaignTotals[]>;
  /** Customers counted in more than one group (overlapping saved segments). */
  overlapping: boolean;
}

export function breakdownBySegment(rows: CustomerCampaignTotals, labelling: Labelling, campaignIds?: ReadonlySet<number>): SegmentBreakdown {
  const groups = [...labelling.groups];
  const unlabelled = labelling.unlabelled !== undefined ? groups.push(labelling.unlabelled) - 1 : -1;
  const totals = groups.map(zeroTotals);
  const cells = new Map<number, CampaignTotals[]>();
  const one: CampaignTotals = zeroTotals();
  const fallback = unlabelled >= 0 ? [unlabelled] : [];
  let overlapping = false;
  for (let i = 0; i < rows.customer.length; i++) {
    const campaign = rows.campaign[i]!;
    if (campaignIds && !campaignIds.has(campaign)) continue;
    let gs = labelling.groupsOf(rows.customer[i]!);
    if (gs.length === 0) gs = fallback;
    if (gs.length > 1) overlapping = true;
    one.impressions = rows.impressions[i]!;
    one.clicks = rows.clicks[i]!;
    one.conversions = rows.conversions[i]!;
    one.cost = rows.cost[i]!;
    one.revenue = rows.revenue[i]!;
    let row = cells.get(campaign);
    if (!row) cells.set(campaign, (row = groups.map(zeroTotals)));
    for (const g of gs) {
      addTotals(totals[g]!, one);
      addTotals(row[g]!, one);
    }
  }
  return { title: labelling.title, groups, totals, cells, overlapping };
}
