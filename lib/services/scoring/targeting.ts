// Audience targeting from the stored response models: every customer scored under a campaign set-up,
// P(conversion | click) from the latest conversion model (or the shop's own rate when none is trained),
// each customer's average order value, then lib/analytics/targeting's audience, gain and bids. The
// targeting page, its export and "save as segment" all go through here, so they agree.
import { z } from "zod";
import { audienceByBudget, audienceByScore, audienceBySize, bidsByDecile, bidsBySegment, gainSummary, type Audience, type TargetingInputs } from "../../analytics/targeting";
import { UserError, userErrorFromMl } from "../../errors";
import { rfmSegmentsOfCustomers } from "../segments/rfm";
import { latestScoringRunId, loadScoringRun, scoreAllCustomers, setupOf, type LoadedScoring } from "./serving";
import { loadScoringInputs, type ScoringInputs } from "./training-data";

const money = z.number().finite().min(0, "must be 0 or more");
export const TargetingRequest = z.object({
  run: z.number().int().min(1).optional(),
  model: z.enum(["logistic", "forest", "gbt"]).optional(),
  channel: z.string().max(100).optional(),
  adType: z.string().max(100).optional(),
  adPosition: z.string().max(100).optional(),
  by: z.enum(["size", "score", "budget"]).default("budget"),
  size: z.number().int().min(0).default(1000),
  threshold: z.number().min(0).max(1).default(0.05),
  budget: money.default(500),
  cost: z.enum(["cpm", "cpc"]).default("cpm"),
  price: money.default(5),
  targetRoi: z.number().gt(-1, "the target ROI must be above −100%").default(0.5),
});
export type TargetingRequest = z.infer<typeof TargetingRequest>;

export interface Targeting {
  readonly runId: number;
  readonly model: string;
  readonly setup: ReturnType<typeof setupOf>;
  readonly conversionSource: string;
  readonly customers: number;
  readonly gain: string[];
  readonly audience: Audience;
  readonly deciles: ReturnType<typeof bidsByDecile>;
  readonly segments: ReturnType<typeof bidsBySegment>;
  /** Database ids of the audience, best first. */
  readonly audienceIds: Int32Array;
  readonly inputs: TargetingInputs;
  readonly ids: Int32Array;
}

/** P(conversion | click) per customer: the latest conversion model under the same set-up, else the shop's rate. */
async function conversionChances(setup: ReturnType<typeof setupOf>, data: ScoringInputs, n: number): Promise<{ p: Float64Array; source: string }> {
  const latest = await latestScoringRunId("conversion");
  const run = latest ? await loadScoringRun(latest) : null;
  if (run?.result.settings.target === "conversion") {
    return { p: (await scoreAllCustomers(run, undefined, setup, data)).probability, source: `the conversion model of run ${run.id}` };
  }
  let clicks = 0;
  let conversions = 0;
  for (const t of data.events.type) {
    if (t === 1) clicks++;
    else if (t === 2) conversions++;
  }
  const rate = clicks > 0 ? Math.min(1, conversions / clicks) : 0;
  return { p: new Float64Array(n).fill(rate), source: `the shop's own rate, ${(rate * 100).toFixed(1)}% of clicks (train a conversion model for a rate per customer)` };
}

/** Each customer's average order value; the shop's for customers without orders. */
function orderValues(data: ScoringInputs): Float64Array {
  const { orders, customers } = data.sources;
  const sum = new Map<number, [number, number]>();
  let total = 0;
  for (let i = 0; i < orders.customer.length; i++) {
    const s = sum.get(orders.customer[i]!) ?? [0, 0];
    s[0] += orders.revenue[i]!;
    s[1]++;
    total += orders.revenue[i]!;
    sum.set(orders.customer[i]!, s);
  }
  const shop = orders.customer.length ? total / orders.customer.length : 0;
  return Float64Array.from(customers.ids, (id) => {
    const s = sum.get(id);
    return s && s[0] > 0 ? s[0] / s[1] : Math.max(0, shop);
  });
}

export async function buildTargeting(request: Partial<TargetingRequest>): Promise<Targeting | null> {
  const req = TargetingRequest.parse(request);
  const runId = req.run ?? (await latestScoringRunId("click"));
  const run: LoadedScoring | null = runId === null ? null : await loadScoringRun(runId);
  if (!run) return null;
  if (run.result.settings.target !== "click") throw new UserError(`run ${run.id} predicts conversions; targeting starts from a click model`);
  const setup = setupOf(run, { channel: req.channel, adType: req.adType, adPosition: req.adPosition });
  const data = await loadScoringInputs();
  const clicks = await scoreAllCustomers(run, req.model, setup, data);
  const n = clicks.ids.length;
  const convert = await conversionChances(setup, data, n);
  const rfm = await rfmSegmentsOfCustomers();
  const rfmOf = new Map<number, string>();
  rfm.ids.forEach((id, i) => rfmOf.set(id, rfm.names[rfm.segment[i]!]!));
  const inputs: TargetingInputs = { pClick: clicks.probability, pConvert: convert.p, orderValue: orderValues(data), segment: Array.from(clicks.ids, (id) => rfmOf.get(id) ?? "No purchases") };
  try {
    const cost = req.cost === "cpm" ? ({ kind: "cpm", cpm: req.price } as const) : ({ kind: "cpc", cpc: req.price } as const);
    const audience = req.by === "size" ? audienceBySize(inputs, Math.min(req.size, n), { cost }) : req.by === "score" ? audienceByScore(inputs, { on: "pClick", threshold: req.threshold }, { cost }) : audienceByBudget(inputs, { cost, budget: req.budget });
    const groups = Math.min(10, n);
    return {
      runId: run.id,
      model: req.model ?? run.result.best,
      setup,
      conversionSource: convert.source,
      customers: n,
      gain: [0.1, 0.2, 0.5].map((share) => gainSummary(inputs, share, { value: "clicks" }).text),
      audience,
      deciles: groups > 0 ? bidsByDecile(inputs, { targetRoi: req.targetRoi, groups }) : [],
      segments: bidsBySegment(inputs, { targetRoi: req.targetRoi }),
      audienceIds: Int32Array.from(audience.rows, (r) => clicks.ids[r]!),
      inputs,
      ids: clicks.ids,
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}
