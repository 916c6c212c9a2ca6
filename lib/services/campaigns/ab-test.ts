// A/B tests from the pages and `cli ab-test`: campaigns sharing a test group are the arms; ad hoc, any
// two campaigns or two saved segments within one campaign. The statistics are lib/stats; this file
// picks the arms, the control, the unit and the metrics, and reads their sums.
import { analyseAbTests, armPower, type AbTestOptions, type AbTestResult, type ArmPower } from "../../stats";
import { loadCampaignArmSums, loadSegmentArmSums, type CustomerArmSums } from "../../db/ab-test-data";
import { campaignDataStamp } from "../../db/campaign-audience";
import { campaignHasCustomerEvents, getCampaign, listCampaigns, type CampaignRow } from "../../db/campaign-report";
import { purchaseDataStamp } from "../../db/purchase-history";
import { listCampaignPerformance } from "../../db/campaigns";
import { ALL_TIME, type TimeRange } from "../../db/date-range";
import { getSegment } from "../../db/segments";
import { UserError } from "../../errors";
import { DAY_MS } from "../../analytics/date-range";
import type { CampaignTotals } from "../../analytics/campaign-kpis";
import { AB_METRIC_LABEL, armCounts, customerMoments, exposureWord, impressionMoments, metricsFor, type AbMetric, type AbUnit } from "./ab-arms";

export type AbOptions = Partial<Pick<AbTestOptions, "method" | "correction" | "prior" | "sequentialTuning" | "equivalenceMargin" | "cuped" | "confidence">> & {
  /** The metric the test is decided on: it comes first, judged on its own (corrected over its arms only). */
  primary?: AbMetric;
  /** Intended share of each arm, for the sample ratio check (equal when not given). */
  intendedShares?: number[];
  /** The lift the power advice sizes the test for (relative; 0.05 when not given). */
  targetLift?: number;
};

export interface AbArm {
  variant: string;
  label: string;
  campaignId: number | null;
  externalId: string | null;
  totals: CampaignTotals;
  sums?: CustomerArmSums;
}

export interface AbReport {
  title: string;
  kind: "test-group" | "campaigns" | "segments";
  unit: AbUnit;
  randomised: boolean;
  arms: AbArm[];
  control: string;
  /**
   * One result per metric, the primary first. The primary is corrected over its arms alone, so its verdict
   * reads the same on the tests list, the test page and the CLI; the other metrics (secondary readings)
   * are corrected together, over all their arms and metrics.
   */
  results: { metric: AbMetric; exposures: string; result: AbTestResult; counts: { variant: string; exposures: number; successes: number; trials: number }[]; power: ArmPower }[];
  notes: string[];
}

const PRE_PERIOD_DAYS = 90;

// Arm sums read every campaign event of the arms (157,000 rows for one test at 100,000 customers: about
// 0.3 s), so they are kept while the campaign events and purchases are unchanged: the tests list, the
// test page and its method and metric switches then read them once.
const sumsCache = new Map<string, CustomerArmSums[]>();

async function cachedSums(key: string, load: () => Promise<CustomerArmSums[]>): Promise<CustomerArmSums[]> {
  const full = `${await campaignDataStamp()}|${await purchaseDataStamp()}|${key}`;
  let hit = sumsCache.get(full);
  if (!hit) {
    if (sumsCache.size > 50) sumsCache.clear();
    sumsCache.set(full, (hit = await load()));
  }
  return hit;
}

/** The arm named control or A (any case), else the earliest; `requested` (variant or externalId) wins. */
export function chooseControl(arms: readonly { variant: string; externalId: string | null; startAt?: Date | null }[], requested?: string): number {
  if (requested) {
    const i = arms.findIndex((a) => a.variant.toLowerCase() === requested.toLowerCase() || a.externalId === requested);
    if (i < 0) throw new UserError(`"${requested}" is not an arm of this test: pick one of ${arms.map((a) => a.variant).join(", ")}`);
    return i;
  }
  for (const name of ["control", "a"]) {
    const i = arms.findIndex((a) => a.variant.trim().toLowerCase() === name);
    if (i >= 0) return i;
  }
  let best = 0;
  arms.forEach((a, i) => {
    if ((a.startAt?.getTime() ?? Infinity) < (arms[best]!.startAt?.getTime() ?? Infinity)) best = i;
  });
  return best;
}

function prePeriodBefore(start: Date | null): TimeRange {
  const to = start ?? new Date();
  return { from: new Date(to.getTime() - PRE_PERIOD_DAYS * DAY_MS), to };
}

async function analyse(title: string, kind: AbReport["kind"], arms: AbArm[], unit: AbUnit, controlIndex: number, metrics: readonly AbMetric[], options: AbOptions, notes: string[]): Promise<AbReport> {
  const allowed = metrics.filter((m) => metricsFor(unit).includes(m));
  const primary = options.primary && allowed.includes(options.primary) ? options.primary : allowed[0];
  const usable = allowed.filter((m) => m === primary).concat(allowed.filter((m) => m !== primary));
  if (unit === "impression" && arms.some((a) => a.totals.clicks > a.totals.impressions || a.totals.conversions > a.totals.clicks)) {
    notes.push("An arm reports more clicks than impressions or more conversions than clicks; its rate is counted as at most 100%.");
  }
  if (usable.length < metrics.length) notes.push("Revenue and conversions per customer need campaign events that name the customer; these arms report impressions only.");
  const inputs = usable.map((m) => ({
    metric: { key: m, label: AB_METRIC_LABEL[m], unitLabel: exposureWord(m, unit) },
    arms: arms.map((a) => ({ name: a.variant, moments: unit === "customer" ? customerMoments(m, a.sums ?? emptySums(a.campaignId ?? 0)) : impressionMoments(m, a.totals)! })),
    controlIndex,
    intendedShares: options.intendedShares,
    // The sample ratio check counts what was assigned (customers, or impressions), whatever the metric.
    assignedUnits: arms.map((a) => (unit === "customer" ? (a.sums?.customers ?? 0) : a.totals.impressions)),
  }));
  if (options.intendedShares && options.intendedShares.length !== arms.length) throw new UserError(`the intended split names ${options.intendedShares.length} shares for ${arms.length} arms`);
  const results = [...(inputs.length ? analyseAbTests(inputs.slice(0, 1), options) : []), ...(inputs.length > 1 ? analyseAbTests(inputs.slice(1), options) : [])];
  return {
    title,
    kind,
    unit,
    randomised: kind === "test-group",
    arms,
    control: arms[controlIndex]!.variant,
    results: results.map((result, i) => ({
      metric: usable[i]!,
      exposures: exposureWord(usable[i]!, unit),
      result,
      counts: arms.map((a) => ({ variant: a.variant, ...armCounts(usable[i]!, unit, a) })),
      power: armPower(inputs[i]!.arms[controlIndex]!.moments, Math.min(...inputs[i]!.arms.map((a) => a.moments.units)), options.targetLift ?? 0.05),
    })),
    notes,
  };
}

function emptySums(arm: number): CustomerArmSums {
  return { arm, customers: 0, imp: 0, imp2: 0, clk: 0, clk2: 0, impClk: 0, conv: 0, conv2: 0, clkConv: 0, rev: 0, rev2: 0, x: 0, x2: 0, xRev: 0, xImp: 0, xClk: 0, xConv: 0 };
}

async function campaignArms(campaigns: readonly CampaignRow[]): Promise<{ arms: AbArm[]; unit: AbUnit; start: Date | null }> {
  const ids = campaigns.map((c) => c.id);
  const [perf, hasCustomers] = await Promise.all([listCampaignPerformance(ALL_TIME, ids), campaignHasCustomerEvents(ids)]);
  const starts = campaigns.map((c) => c.startAt?.getTime()).filter((t): t is number => t !== undefined);
  const start = starts.length ? new Date(Math.min(...starts)) : null;
  const pre = prePeriodBefore(start);
  const sums = hasCustomers ? await cachedSums(`c:${ids.join(",")}:${pre.from.getTime()}`, () => loadCampaignArmSums(ids, ALL_TIME, pre)) : [];
  const arms = campaigns.map((c): AbArm => {
    const p = perf.find((x) => x.id === c.id)!;
    return { variant: c.variant ?? c.externalId, label: c.name, campaignId: c.id, externalId: c.externalId, totals: p, sums: sums.find((s) => s.arm === c.id) };
  });
  return { arms, unit: hasCustomers ? "customer" : "impression", start };
}

/** The test group's result for every metric its unit allows, or only `metrics` when given. */
export async function analyseTestGroup(group: string, opts: { control?: string; metrics?: readonly AbMetric[] } & AbOptions = {}): Promise<AbReport> {
  const campaigns = await listCampaigns({ testGroup: group });
  if (campaigns.length === 0) throw new UserError(`there is no A/B test “${group}”: campaigns join a test through their test group column`, "not_found");
  if (campaigns.length === 1) throw new UserError(`the A/B test “${group}” has one arm (${campaigns[0]!.name}): a test needs at least two campaigns in the same test group`);
  const variants = campaigns.map((c) => (c.variant ?? c.externalId).toLowerCase());
  if (new Set(variants).size < variants.length) throw new UserError(`two campaigns of “${group}” share a variant name: give each arm its own variant`);
  const { arms, unit } = await campaignArms(campaigns);
  const control = chooseControl(arms.map((a, i) => ({ ...a, startAt: campaigns[i]!.startAt })), opts.control);
  const notes = [`Unit: ${unit === "customer" ? "the customer (events name customers): rates per customer by the delta method, CUPED on the 90 days of spend before the test" : "the impression (events carry no customer): rates compared as two proportions"}.`];
  return analyse(`A/B test “${group}”`, "test-group", arms, unit, control, opts.metrics ?? metricsFor(unit), opts, notes);
}

/** Any two campaigns, the first as the control. Not randomised: the page says so. */
export async function compareCampaigns(controlId: number, otherId: number, opts: { metrics?: readonly AbMetric[] } & AbOptions = {}): Promise<AbReport> {
  if (controlId === otherId) throw new UserError("pick two different campaigns to compare");
  const [a, b] = await Promise.all([getCampaign(controlId), getCampaign(otherId)]);
  if (!a || !b) throw new UserError(`there is no campaign ${!a ? controlId : otherId}`, "not_found");
  const { arms, unit } = await campaignArms([a, b]);
  arms[0]!.variant = a.name;
  arms[1]!.variant = b.name === a.name ? `${b.name} (${b.externalId})` : b.name;
  const notes = ["These campaigns were not assigned at random: a difference may come from who each one reached, not only from the campaign."];
  return analyse(`${a.name} against ${b.name}`, "campaigns", arms, unit, 0, opts.metrics ?? metricsFor(unit), opts, notes);
}

/** Two saved segments' response to one campaign, the first as the control. */
export async function compareSegments(campaignId: number, controlSegmentId: number, otherSegmentId: number, opts: { metrics?: readonly AbMetric[] } & AbOptions = {}): Promise<AbReport> {
  if (controlSegmentId === otherSegmentId) throw new UserError("pick two different segments to compare");
  const [campaign, s1, s2] = await Promise.all([getCampaign(campaignId), getSegment(controlSegmentId), getSegment(otherSegmentId)]);
  if (!campaign) throw new UserError(`there is no campaign ${campaignId}`, "not_found");
  if (!s1 || !s2) throw new UserError(`there is no segment ${!s1 ? controlSegmentId : otherSegmentId}`, "not_found");
  if (!(await campaignHasCustomerEvents([campaignId]))) throw new UserError(`${campaign.name} reports daily totals without customers, so its response cannot be split by segment`);
  const pre = prePeriodBefore(campaign.startAt);
  const sums = await cachedSums(`s:${campaignId}:${s1.id},${s2.id}:${pre.from.getTime()}`, () => loadSegmentArmSums(campaignId, [s1.id, s2.id], ALL_TIME, pre));
  const zero = { impressions: 0, clicks: 0, conversions: 0, cost: 0, revenue: 0 };
  const arms: AbArm[] = [s1, s2].map((s) => {
    const sum = sums.find((x) => x.arm === s.id) ?? emptySums(s.id);
    return { variant: s.name, label: s.name, campaignId: null, externalId: null, totals: { ...zero, impressions: sum.imp, clicks: sum.clk, conversions: sum.conv, revenue: sum.rev }, sums: sum };
  });
  if (arms[1]!.variant === arms[0]!.variant) arms[1]!.variant = `${s2.name} (${s2.id})`;
  const notes = [`Both arms saw ${campaign.name}; segments are not assigned at random, and a customer in both segments counts in both.`];
  return analyse(`${campaign.name}: ${s1.name} against ${s2.name}`, "segments", arms, "customer", 0, opts.metrics ?? metricsFor("customer"), opts, notes);
}
