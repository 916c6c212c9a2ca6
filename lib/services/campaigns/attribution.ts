// Attribution of shop purchases to campaigns, for the attribution page (a background job), the CLI and
// tests: touches and purchases from the database, credit from lib/analytics/attribution, costs beside it.
import { z } from "zod";
import { ATTRIBUTION_MODELS, attribute, buildJourneys, summariseJourneys, withDefaults, type AttributionModel, type Credit } from "../../analytics/attribution";
import { countAttributionInputs, loadPurchases, loadTouches } from "../../db/attribution-data";
import { campaignDataStamp } from "../../db/campaign-audience";
import { purchaseDataStamp } from "../../db/purchase-history";
import { listCampaignPerformance } from "../../db/campaigns";
import { ALL_TIME } from "../../db/date-range";
import { getJobResult, getLatestJobId } from "../../db/jobs";
import { userErrorFromMl } from "../../errors";
import { addVersion, readStored, storedShape } from "../../stored-json";
import type { Progress } from "../jobs/job-kind";

export const AttributionRequest = z.object({
  clickWindowDays: z.number().int("the click window is a whole number of days").min(1, "the click window is at least 1 day").max(90, "the click window is at most 90 days").default(7),
  impressionWindowDays: z.number().int("the impression window is a whole number of days").min(0).max(30, "the impression window is at most 30 days").default(1),
  includeImpressions: z.boolean().default(false),
  halfLifeDays: z.number().min(0.5, "the half-life is at least half a day").max(90, "the half-life is at most 90 days").default(7),
});
export type AttributionRequest = z.infer<typeof AttributionRequest>;

/** attributable: false for campaigns (and channels) whose events name no customer, so no purchase can be linked to them. */
const Row = z.object({ name: z.string(), purchases: z.number(), revenue: z.number(), cost: z.number(), roas: z.number().nullable(), attributable: z.boolean() });
const CampaignRow = Row.extend({ id: z.number().int(), externalId: z.string(), channel: z.string(), platformConversions: z.number(), platformRevenue: z.number() });
export type AttributedRow = z.infer<typeof Row>;
export type AttributedCampaign = z.infer<typeof CampaignRow>;

const ModelResult = z.object({ totalPurchases: z.number(), totalRevenue: z.number(), byChannel: z.array(Row), byCampaign: z.array(CampaignRow) });
export type ModelResult = z.infer<typeof ModelResult>;

export const AttributionResult = z.object({
  version: z.literal(1),
  settings: AttributionRequest,
  summary: z.object({
    attributedPurchases: z.number(),
    attributedRevenue: z.number(),
    unattributedPurchases: z.number(),
    unattributedRevenue: z.number(),
    journeys: z.number(),
    nonConvertingPaths: z.number(),
    touches: z.number(),
  }),
  platform: z.object({ conversions: z.number(), revenue: z.number() }),
  models: z.record(z.enum(ATTRIBUTION_MODELS as unknown as [AttributionModel, ...AttributionModel[]]), ModelResult),
  seconds: z.number(),
});
export type AttributionResult = z.infer<typeof AttributionResult>;

const REMEDY = "run the attribution again on the attribution page";
export const ATTRIBUTION_SHAPES = {
  parameters: storedShape({ name: "attribution settings", version: 1, schema: AttributionRequest.extend({ version: z.literal(1) }), migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  result: storedShape({ name: "attribution result", version: 1, schema: AttributionResult, remedy: REMEDY }),
} as const;
export const ATTRIBUTION_RUN_KIND = "attribution";

const noProgress: Progress = async () => {};
const round2 = (x: number) => Math.round(x * 100) / 100;
const roas = (revenue: number, cost: number) => (cost > 0 ? revenue / cost : null);

/** Every model's credit by campaign and by channel; each model hands out the same total. */
export async function computeAttribution(request: Partial<AttributionRequest> = {}, progress: Progress = noProgress): Promise<AttributionResult> {
  const started = performance.now();
  const req = AttributionRequest.parse(request);
  const settings = (() => {
    try {
      return withDefaults({ clickWindowDays: req.clickWindowDays, impressionWindowDays: req.impressionWindowDays, includeImpressions: req.includeImpressions, halfLifeDays: req.halfLifeDays });
    } catch (e) {
      throw userErrorFromMl(e);
    }
  })();
  await progress(0.02, "Reading campaigns");
  const campaigns = await listCampaignPerformance(ALL_TIME);
  const index = new Map(campaigns.map((c, i) => [c.id, i]));
  const channels = [...new Set(campaigns.map((c) => c.channel ?? "Not set"))].sort();
  const channelOf = Int32Array.from(campaigns, (c) => channels.indexOf(c.channel ?? "Not set"));
  await progress(0.05, req.includeImpressions ? "Reading clicks and impressions" : "Reading clicks");
  const touches = await loadTouches(req.includeImpressions, index);
  const touched = new Uint8Array(campaigns.length);
  for (const k of touches.campaign) touched[k] = 1;
  const channelTouched = channels.map((_, h) => campaigns.some((_, i) => channelOf[i] === h && touched[i] === 1));
  await progress(0.3, "Reading purchases");
  const purchases = await loadPurchases();
  await progress(0.5, `Linking ${purchases.customer.length.toLocaleString("en")} purchases to ${touches.customer.length.toLocaleString("en")} touches`);
  const journeys = buildJourneys(touches, purchases, settings);
  const summary = summariseJourneys(journeys);
  const identity = Int32Array.from(campaigns, (_, i) => i);
  const cost = campaigns.map((c) => c.cost);
  const channelCost = channels.map((_, h) => campaigns.reduce((s, c, i) => s + (channelOf[i] === h ? c.cost : 0), 0));
  const models = {} as Record<AttributionModel, ModelResult>;
  for (const [m, model] of ATTRIBUTION_MODELS.entries()) {
    await progress(0.6 + (0.38 * m) / ATTRIBUTION_MODELS.length, `Crediting by ${model}`);
    const byCampaign = attribute(journeys, model, settings, identity, campaigns.length);
    const byChannel = attribute(journeys, model, settings, channelOf, channels.length);
    models[model] = {
      totalPurchases: round2(sum(byCampaign.purchases)),
      totalRevenue: round2(sum(byCampaign.revenue)),
      byChannel: rows(byChannel, channels, channelCost, channelTouched),
      byCampaign: campaigns
        .map((c, i) => ({
          ...rows(byCampaign, campaigns.map((x) => x.name), cost, [...touched].map(Boolean))[i]!,
          id: c.id,
          externalId: c.externalId,
          channel: c.channel ?? "Not set",
          platformConversions: c.conversions,
          platformRevenue: round2(c.revenue),
        }))
        .sort((a, b) => b.revenue - a.revenue || a.name.localeCompare(b.name)),
    };
  }
  return {
    version: 1,
    settings: req,
    summary: { ...summary, attributedRevenue: round2(summary.attributedRevenue), unattributedRevenue: round2(summary.unattributedRevenue), touches: touches.customer.length },
    platform: { conversions: campaigns.reduce((s, c) => s + c.conversions, 0), revenue: round2(campaigns.reduce((s, c) => s + c.revenue, 0)) },
    models,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x;
  return s;
}

function rows(credit: Credit, names: readonly string[], cost: readonly number[], attributable: readonly boolean[]): AttributedRow[] {
  return names.map((name, i) => ({
    name,
    purchases: Math.round(credit.purchases[i]! * 100) / 100,
    revenue: round2(credit.revenue[i]!),
    cost: round2(cost[i]!),
    roas: attributable[i] ? roas(credit.revenue[i]!, cost[i]!) : null,
    attributable: attributable[i]!,
  }));
}

/** The attribution job's work (lib/services/jobs/job-kinds.ts registers it). */
export async function attributionJob(req: AttributionRequest, progress: Progress) {
  return { result: await computeAttribution(req, progress) };
}

export function readAttributionResult(value: unknown, of: string): AttributionResult {
  return readStored(ATTRIBUTION_SHAPES.result, value, of);
}

/** The latest completed attribution, or null when none has run. */
export async function latestAttribution(): Promise<{ id: number; finishedAt: Date; result: AttributionResult } | null> {
  const latest = await getLatestJobId(ATTRIBUTION_RUN_KIND);
  if (!latest) return null;
  const run = await getJobResult(latest.id);
  return run ? { id: run.id, finishedAt: latest.finishedAt, result: readAttributionResult(run.result, `run ${run.id}`) } : null;
}

export const MODEL_LABEL: Record<AttributionModel, string> = {
  "last-click": "Last click",
  "first-click": "First click",
  linear: "Linear",
  "time-decay": "Time decay",
  position: "Position based",
  markov: "Markov (data-driven)",
};

export const MODEL_NOTE: Record<AttributionModel, string> = {
  "last-click": "All credit to the last click before the purchase.",
  "first-click": "All credit to the first click inside the window.",
  linear: "Equal credit to every click inside the window.",
  "time-decay": "More credit to clicks closer to the purchase: a click one half-life earlier gets half the weight.",
  position: "40% to the first click, 40% to the last, 20% shared by the ones between.",
  markov: "Credit in proportion to each one's removal effect: how many conversions the customer journeys would lose without it (Anderl et al., 2016).",
};

/**
 * Below this many clicks plus purchase lines the page computes the default attribution itself (well under
 * a second) instead of asking for a run: the demo shop has about 20,000.
 */
const INLINE_INPUT_LIMIT = 100_000;
let inlineCache: { stamp: string; result: AttributionResult } | null = null;

/**
 * What the page shows: the latest run when there is one, else (on data small enough to do it while the
 * page loads) the default settings computed now and kept while the data is unchanged; else null.
 */
export async function currentAttribution(): Promise<({ source: "stored"; id: number; finishedAt: Date } | { source: "inline"; finishedAt: Date }) & { result: AttributionResult } | null> {
  const stored = await latestAttribution();
  if (stored) return { source: "stored", ...stored };
  const stamp = `${await campaignDataStamp()}|${await purchaseDataStamp()}`;
  if (inlineCache?.stamp !== stamp) {
    const inputs = await countAttributionInputs();
    if (inputs.clicks + inputs.purchaseLines > INLINE_INPUT_LIMIT) return null;
    inlineCache = { stamp, result: await computeAttribution() };
  }
  return { source: "inline", finishedAt: new Date(), result: inlineCache.result };
}
