// Uplift of a campaign that has a randomised holdout, as one background job: every customer assigned to the
// test is a row (treated or held out, and whether they bought within the window after assignment, from
// lib/analytics/holdout.ts), with the response-scoring features as of their assignment; the rows are split
// within each arm, both uplift models of lib/ml/uplift are fitted and judged on the held-out rows (Qini,
// uplift by decile), and the best one ranks every customer of the shop today: the persuadables, whom the
// campaign changes, can be saved as an audience. Everything is stored in the job's result.
import { z } from "zod";
import { holdoutArmIds, notHoldoutReason, upliftRows } from "../../analytics/holdout";
import { buildScoringTable, type CampaignSetup } from "../../analytics/scoring-features";
import { DAY_MS } from "../../days";
import { listCampaignPerformance } from "../../db/campaigns";
import { ALL_TIME } from "../../db/date-range";
import { getJobResult, getLatestJobId } from "../../db/jobs";
import { saveAudienceSegment, type SavedSegment } from "../../db/segments";
import { UserError, userErrorFromMl } from "../../errors";
import { pack, unpackI32 } from "../../ml/codec";
import { schemaOf, takeRows } from "../../ml/scoring/features";
import type { ScoringKind } from "../../ml/scoring/model";
import { SCORING_KINDS } from "../../ml/scoring/scorer";
import { stratifiedSplit } from "../../ml/scoring/split";
import { evaluateUplift, newcombeInterval, persuadableAudience, predictResponses, predictUplift, qiniCurve, segmentByResponse, type TLearnerModel, type UpliftSample } from "../../ml/uplift";
import { readStored, storedNumber, storedShape } from "../../stored-json";
import type { Progress } from "../jobs/job-kind";
import { PackedArray } from "../packed-shapes";
import { loadScoringInputs } from "../scoring/training-data";

export const UPLIFT_RUN_KIND = "uplift";
const KINDS = SCORING_KINDS as [ScoringKind, ...ScoringKind[]];
/** A customer is persuadable when the campaign raises their chance to buy by at least this much. */
export const PERSUADABLE_UPLIFT = 0.05;

export const UpliftSettings = z.object({
  testGroup: z.string().trim().min(1, "pick a test with a holdout"),
  windowDays: z.number().int("the purchase window is a whole number of days").min(1, "the purchase window is at least 1 day").max(90, "the purchase window is at most 90 days").default(14),
  base: z.enum(KINDS).default("gbt"),
  testShare: z.number().min(0.1, "the test share is at least 10%").max(0.5, "the test share is at most 50%").default(0.3),
  seed: z.number().int().default(42),
});
export type UpliftSettings = z.infer<typeof UpliftSettings>;

export interface HoldoutArm {
  id: number;
  name: string;
  variant: string;
  impressions: number;
  clicks: number;
  conversions: number;
  cost: number;
  holdout: boolean;
}

export interface HoldoutTest {
  testGroup: string;
  arms: HoldoutArm[];
  /** Null when uplift can be measured; else why not, in words. */
  problem: string | null;
  setup: CampaignSetup;
}

/** Every A/B test, with whether it has a holdout to measure uplift against. */
export async function listHoldoutTests(): Promise<HoldoutTest[]> {
  const campaigns = (await listCampaignPerformance(ALL_TIME)).filter((c) => c.testGroup !== null);
  const groups = new Map<string, typeof campaigns>();
  for (const c of campaigns) groups.set(c.testGroup!, [...(groups.get(c.testGroup!) ?? []), c]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([testGroup, cs]) => {
    const activity = cs.map((c) => ({ id: c.id, variant: c.variant, clicks: c.clicks, conversions: c.conversions, cost: c.cost }));
    const holdouts = holdoutArmIds(activity);
    const arms = cs.map((c) => ({ id: c.id, name: c.name, variant: c.variant ?? c.externalId, impressions: c.impressions, clicks: c.clicks, conversions: c.conversions, cost: c.cost, holdout: holdouts.has(c.id) }));
    const named = activity.filter((a) => notHoldoutReason(a) !== `its name is not control or holdout`);
    const problem =
      holdouts.size === 0
        ? named.length === 0
          ? "no arm is named control or holdout"
          : `its ${named.map((a) => a.variant).join(" and ")} arm is not a holdout: ${notHoldoutReason(named[0]!)}`
        : holdouts.size === arms.length
          ? "every arm is a holdout, so nobody got the campaign"
          : arms.some((a) => a.holdout && a.impressions === 0)
            ? "the holdout has no assigned customers: import its assignments as impressions with no cost"
            : null;
    const treated = cs.find((c) => !holdouts.has(c.id));
    return { testGroup, arms, problem, setup: { channel: treated?.channel ?? null, adType: treated?.adType ?? null, adPosition: treated?.adPosition ?? null, variant: treated?.variant ?? null } };
  });
}

const Observed = z.object({
  rows: z.number(),
  treated: z.number(),
  control: z.number(),
  treatedConversions: z.number(),
  controlConversions: z.number(),
  treatedRate: storedNumber.nullable(),
  controlRate: storedNumber.nullable(),
  observedUplift: storedNumber.nullable(),
  low: storedNumber.nullable(),
  high: storedNumber.nullable(),
});
const UpliftModelRow = z.object({
  kind: z.enum(["t-learner", "class-transformation"]),
  qini: z.object({ coefficient: storedNumber, modelArea: storedNumber, perfectArea: storedNumber }),
  curve: z.array(z.object({ share: storedNumber, rows: z.number(), qini: storedNumber })),
  deciles: z.array(Observed.extend({ decile: z.number(), meanPredicted: storedNumber })),
  top: Observed,
  overall: Observed,
  seconds: storedNumber,
});
export const StoredUplift = z.object({
  version: z.literal(1),
  settings: UpliftSettings,
  asOf: z.string(),
  arms: z.array(z.object({ name: z.string(), variant: z.string(), holdout: z.boolean() })),
  /** All assigned customers, both arms, over the whole test. */
  overall: Observed,
  inBoth: z.number(),
  rows: z.object({ train: z.number(), test: z.number() }),
  topShare: storedNumber,
  models: z.array(UpliftModelRow),
  best: z.enum(["t-learner", "class-transformation"]),
  /** The shop today, by the T-learner's two predictions. */
  segments: z.object({ counts: z.object({ persuadable: z.number(), "sure-thing": z.number(), "lost-cause": z.number(), "sleeping-dog": z.number() }), baseline: storedNumber, threshold: storedNumber, customers: z.number() }),
  /** The best model's persuadables among every customer today, highest uplift first. */
  persuadables: z.object({ count: z.number(), ids: PackedArray, meanUplift: storedNumber }),
});
export type StoredUplift = z.infer<typeof StoredUplift>;

const REMEDY = "measure the uplift again";
export const UPLIFT_SHAPES = {
  parameters: storedShape({ name: "uplift settings", version: 1, schema: UpliftSettings.extend({ version: z.literal(1) }), remedy: REMEDY }),
  result: storedShape({ name: "uplift result", version: 1, schema: StoredUplift, remedy: REMEDY }),
};

/** Train and test rows, split within each arm and by outcome, so both keep the test's proportions. */
function splitWithinArms(treated: Uint8Array, outcome: Uint8Array, testShare: number, seed: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (const arm of [0, 1]) {
    const rows = Int32Array.from([...treated.keys()].filter((i) => treated[i] === arm));
    const split = stratifiedSplit(Uint8Array.from(rows, (r) => outcome[r]!), testShare, seed + arm);
    for (const i of split.train) train.push(rows[i]!);
    for (const i of split.test) test.push(rows[i]!);
  }
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

export async function measureUplift(settings: UpliftSettings, progress: Progress): Promise<StoredUplift> {
  await progress(0.02, "Reading the test, customers and purchases…");
  const test = (await listHoldoutTests()).find((t) => t.testGroup === settings.testGroup);
  if (!test) throw new UserError(`there is no test named “${settings.testGroup}”; pick one on the uplift page`);
  if (test.problem) throw new UserError(`“${test.testGroup}” cannot show uplift: ${test.problem}`);
  const inputs = await loadScoringInputs();
  const holdoutIds = new Set(test.arms.filter((a) => a.holdout).map((a) => a.id));
  const treatedIds = new Set(test.arms.filter((a) => !a.holdout).map((a) => a.id));
  const rows = upliftRows(inputs.events, treatedIds, holdoutIds, inputs.sources.orders, settings.windowDays * DAY_MS);
  await progress(0.15, `Building features for ${rows.customer.length} assigned customers…`);
  const table = buildScoringTable(inputs.sources, { customer: rows.customer, time: rows.assignedAt, setup: () => test.setup });
  try {
    const split = splitWithinArms(rows.treated, rows.outcome, settings.testShare, settings.seed);
    const sample = (idx: Int32Array): UpliftSample => ({ table: takeRows(table, idx), outcome: Uint8Array.from(idx, (i) => rows.outcome[i]!), treated: Uint8Array.from(idx, (i) => rows.treated[i]!) });
    const [train, held] = [sample(split.train), sample(split.test)];
    await progress(0.25, "Fitting the two-model and the class-transformation uplift models…");
    const topShare = 0.3;
    const evaluations = evaluateUplift(train, held, { base: settings.base, seed: settings.seed, topShare });
    const best = evaluations.reduce((a, b) => (b.qini.coefficient > a.qini.coefficient ? b : a));
    await progress(0.8, "Ranking every customer of the shop today…");
    const everyone = inputs.sources.customers.ids;
    const today = buildScoringTable(inputs.sources, { customer: everyone, time: new Float64Array(everyone.length).fill(inputs.asOf), setup: () => test.setup }, schemaOf(table));
    const tLearner = evaluations.find((e) => e.kind === "t-learner")!.model as TLearnerModel;
    const responses = predictResponses(tLearner, today);
    const segments = segmentByResponse(responses.treated, responses.control, { threshold: PERSUADABLE_UPLIFT });
    const uplift = predictUplift(best.model, today);
    const chosen = persuadableAudience(uplift, { minUplift: PERSUADABLE_UPLIFT });
    const ids = Int32Array.from(chosen, (i) => everyone[i]!);
    return {
      version: 1,
      settings,
      asOf: new Date(inputs.asOf).toISOString().slice(0, 10),
      arms: test.arms.map((a) => ({ name: a.name, variant: a.variant, holdout: a.holdout })),
      overall: observedOverall(rows.treated, rows.outcome),
      inBoth: rows.inBoth,
      rows: { train: split.train.length, test: split.test.length },
      topShare,
      models: evaluations.map((e) => ({ kind: e.kind, qini: e.qini, curve: qiniCurve(predictUplift(e.model, held.table), held.outcome, held.treated, { maxPoints: 40 }), deciles: e.deciles, top: e.top, overall: e.overall, seconds: e.seconds })),
      best: best.kind,
      segments: { counts: segments.counts, baseline: segments.baseline, threshold: PERSUADABLE_UPLIFT, customers: everyone.length },
      persuadables: { count: ids.length, ids: pack(ids).toJSON(), meanUplift: chosen.length ? chosen.reduce((s, i) => s + uplift[i]!, 0) / chosen.length : 0 },
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

/** The whole test's observed uplift: purchase rates of the two arms and the interval of their difference. */
function observedOverall(treated: Uint8Array, outcome: Uint8Array): z.infer<typeof Observed> {
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let i = 0; i < treated.length; i++) {
    nt += treated[i]!;
    if (treated[i]) yt += outcome[i]!;
    else yc += outcome[i]!;
  }
  const nc = treated.length - nt;
  const interval = newcombeInterval(yt, nt, yc, nc);
  const [tr, cr] = [nt ? yt / nt : null, nc ? yc / nc : null];
  return { rows: treated.length, treated: nt, control: nc, treatedConversions: yt, controlConversions: yc, treatedRate: tr, controlRate: cr, observedUplift: tr !== null && cr !== null ? tr - cr : null, low: interval?.low ?? null, high: interval?.high ?? null };
}

/** The uplift job's work (lib/services/jobs/job-kinds.ts registers it). */
export async function upliftJob(settings: UpliftSettings, progress: Progress) {
  return { result: await measureUplift(settings, progress) };
}

export interface LoadedUplift {
  id: number;
  finishedAt: Date | null;
  result: StoredUplift;
}

/** A completed uplift run (the latest when no id is given), or null. */
export async function loadUpliftRun(id?: number): Promise<LoadedUplift | null> {
  const runId = id ?? (await getLatestJobId(UPLIFT_RUN_KIND))?.id;
  if (runId === undefined) return null;
  const run = await getJobResult(runId);
  if (!run || run.kind !== UPLIFT_RUN_KIND || run.result === null) return null;
  return { id: run.id, finishedAt: run.finishedAt, result: readStored(UPLIFT_SHAPES.result, run.result, `run ${run.id}`) };
}

/** Saves a run's persuadables as an audience segment. */
export async function savePersuadables(runId: number, name: string): Promise<SavedSegment> {
  const run = await loadUpliftRun(runId);
  if (!run) throw new UserError(`there is no completed uplift run ${runId}`, "not_found");
  const ids = unpackI32(run.result.persuadables.ids, "persuadables");
  if (ids.length === 0) throw new UserError("this run found no persuadable customers, so there is nobody to save");
  const r = run.result;
  const description = `Persuadable customers of “${r.settings.testGroup}” (uplift run ${run.id}, ${r.best} on ${r.settings.base}): predicted to buy at least ${Math.round(PERSUADABLE_UPLIFT * 100)} points more often within ${r.settings.windowDays} days when they get the campaign.`;
  return saveAudienceSegment(name, description, ids);
}
