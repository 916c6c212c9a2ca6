// Training the response models on the shop's campaign data as one background job: every impression
// labelled clicked or not (or every click labelled converted or not), split by time or at random, each
// chosen model fitted, judged on the held-out rows beside the constant baseline, its drivers found, and
// all of it stored in the job's result, where serving.ts reads the models back.
import { z } from "zod";
import { describeOddsRatio } from "../../analytics/score-reasons";
import { UserError } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import { evaluateScoring } from "../../ml/scoring/evaluate";
import { takeRows } from "../../ml/scoring/features";
import { oddsRatios } from "../../ml/scoring/logistic/odds-ratios";
import type { LogisticModel } from "../../ml/scoring/logistic/logistic";
import type { ScoringKind } from "../../ml/scoring/model";
import { permutationImportance } from "../../ml/scoring/permutation";
import { SCORING_KINDS, scorerToJSON, scoreRows } from "../../ml/scoring/scorer";
import { sampleIndices } from "../../ml/random";
import { stratifiedSplit, timeSplit } from "../../ml/scoring/split";
import { storedNumber, storedShape } from "../../stored-json";
import type { Progress } from "../jobs/job-kind";
import { buildResponseTable, loadScoringInputs, TARGET_NOUN } from "./training-data";
import { capitalised } from "../../format";

export const SCORING_RUN_KIND = "scoring";
const KINDS = SCORING_KINDS as [ScoringKind, ...ScoringKind[]];

export const ScoringSettings = z.object({
  target: z.enum(["click", "conversion"]).default("click"),
  models: z.array(z.enum(KINDS)).default([]),
  split: z.enum(["time", "random"]).default("time"),
  testShare: z.number().min(0.05, "the test share is at least 5%").max(0.5, "the test share is at most 50%").default(0.2),
  seed: z.number().int().default(42),
});
export type ScoringSettings = z.infer<typeof ScoringSettings>;

const Bin = z.object({ lower: storedNumber, upper: storedNumber, meanPredicted: storedNumber, observedRate: storedNumber, count: z.number(), positives: z.number(), low: storedNumber, high: storedNumber });
const Decile = z.object({ decile: z.number(), count: z.number(), positives: z.number(), rate: storedNumber, lift: storedNumber, cumulativeShare: storedNumber, cumulativeLift: storedNumber, minScore: storedNumber, maxScore: storedNumber });
const Driver = z.object({ feature: z.string(), drop: storedNumber, sd: storedNumber });
const OddsRatioRow = z.object({ feature: z.string(), level: z.string().optional(), reference: z.string().optional(), oddsRatio: storedNumber, low: storedNumber, high: storedNumber, text: z.string() });

export const ModelEvaluationRow = z.object({
  kind: z.enum(KINDS),
  auc: storedNumber,
  aucLow: storedNumber,
  aucHigh: storedNumber,
  logLoss: storedNumber,
  brier: storedNumber,
  averagePrecision: storedNumber,
  calibration: z.object({ bins: z.array(Bin), ece: storedNumber }),
  deciles: z.array(Decile),
  fitSeconds: storedNumber,
  tuningSeconds: storedNumber,
  iterations: z.number(),
  converged: z.boolean(),
  calibrationMethod: z.string(),
  warning: z.string().nullable(),
  importance: z.array(Driver),
  oddsRatios: z.array(OddsRatioRow).nullable(),
});
export type ModelEvaluationRow = z.infer<typeof ModelEvaluationRow>;

export const StoredScoring = z.object({
  version: z.literal(1),
  settings: ScoringSettings,
  asOf: z.string(),
  rows: z.object({ train: z.number(), test: z.number() }),
  positives: z.object({ train: z.number(), test: z.number() }),
  baseline: z.object({ logLoss: storedNumber, brier: storedNumber }),
  evaluations: z.array(ModelEvaluationRow),
  best: z.enum(KINDS),
  /** When most exposures went out: audiences are scored as if sent then. */
  sendAt: z.object({ weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23) }),
  /** The campaign set-ups seen in training, most exposures first. */
  setups: z.array(z.object({ channel: z.string().nullable(), adType: z.string().nullable(), adPosition: z.string().nullable(), exposures: z.number() })),
  /** Each model's own JSON, read by its algorithm's fromJSON in serving.ts. */
  models: z.partialRecord(z.enum(KINDS), z.unknown()),
});
export type StoredScoring = z.infer<typeof StoredScoring>;

const REMEDY = "train the scoring models again on the scoring page";
export const SCORING_SHAPES = {
  parameters: storedShape({ name: "scoring settings", version: 1, schema: ScoringSettings.extend({ version: z.literal(1) }), remedy: REMEDY }),
  result: storedShape({ name: "scoring models", version: 1, schema: StoredScoring, remedy: REMEDY }),
} as const;

const PERMUTATION_ROWS = 20_000;

export async function trainScoring(settings: ScoringSettings, progress: Progress): Promise<StoredScoring> {
  await progress(0.02, "Reading customers, purchases and campaign events…");
  const inputs = await loadScoringInputs();
  const noun = TARGET_NOUN[settings.target];
  await progress(0.12, `Labelling ${noun.exposure}…`);
  const data = buildResponseTable(inputs, settings.target);
  if (data.table.rows === 0) throw new UserError(`there are no ${noun.exposure} of known customers to learn from; import campaign events with customer ids first`);
  const split = settings.split === "time" ? timeSplit(data.table.rows, settings.testShare, data.time) : stratifiedSplit(data.table.label, settings.testShare, settings.seed);
  const train = takeRows(data.table, split.train);
  const test = takeRows(data.table, split.test);
  const models = settings.models.length ? settings.models : SCORING_KINDS;
  const evaluation = (() => {
    try {
      return evaluateScoring(train, test, {
        models,
        seed: settings.seed,
        positiveNoun: noun.many,
        negativeNoun: `${noun.exposure} without ${noun.one}`,
        onProgress: (note, done, total) => void progress(0.2 + (0.55 * done) / total, `${capitalised(note)}…`),
      });
    } catch (e) {
      if (e instanceof MlRangeError) throw new UserError(e.message);
      throw e;
    }
  })();
  await progress(0.78, "Finding each model's drivers…");
  const sample = takeRows(test, sampleIndices(test.rows, PERMUTATION_ROWS, settings.seed).sort());
  const evaluations = evaluation.models.map((m, k) => {
    const scorer = evaluation.scorers[k]!;
    const importance = permutationImportance((t) => scoreRows(scorer, t), sample, { repeats: 3, seed: settings.seed }).slice(0, 12);
    return { ...m, importance, oddsRatios: m.kind === "logistic" ? oddsRatioRows(scorer.model as LogisticModel, train, noun.one) : null };
  });
  const best = evaluations.reduce((a, b) => (b.auc > a.auc ? b : a)).kind;
  await progress(0.95, "Saving the models…");
  return {
    version: 1,
    settings: { ...settings, models: [...models] },
    asOf: new Date(inputs.asOf).toISOString().slice(0, 10),
    rows: evaluation.rows,
    positives: { train: count(train.label), test: count(test.label) },
    baseline: { logLoss: evaluation.baseline.logLoss, brier: evaluation.baseline.brier },
    evaluations,
    best,
    sendAt: modalSendTime(data.time),
    setups: setupsOf(data.table),
    models: Object.fromEntries(evaluation.scorers.map((s) => [s.kind, scorerToJSON(s)])),
  };
}

function count(label: Uint8Array): number {
  let n = 0;
  for (const y of label) n += y;
  return n;
}

/** Odds ratios with their sentences, strongest first (by distance from 1 on the log scale). */
function oddsRatioRows(model: LogisticModel, train: Parameters<typeof oddsRatios>[1], outcome: string): z.infer<typeof OddsRatioRow>[] | null {
  const r = oddsRatios(model, train);
  if ("skipped" in r) return null;
  const sd = new Map(model.encoder.features.flatMap((f) => (f.kind === "numeric" ? [[f.name, f.sd] as const] : [])));
  return r.oddsRatios
    .filter((o) => Number.isFinite(o.oddsRatio) && o.level !== "(other)" && o.level !== "(missing)")
    .sort((a, b) => Math.abs(Math.log(b.oddsRatio)) - Math.abs(Math.log(a.oddsRatio)))
    .slice(0, 20)
    .map((o) => ({ feature: o.feature, level: o.level, reference: o.reference, oddsRatio: o.oddsRatio, low: o.low, high: o.high, text: describeOddsRatio(o, outcome, sd.get(o.feature)) }));
}

function modalSendTime(time: Float64Array): { weekday: number; hour: number } {
  const counts = new Int32Array(7 * 24);
  for (const t of time) {
    const d = new Date(t);
    counts[d.getUTCDay() * 24 + d.getUTCHours()]!++;
  }
  const best = counts.reduce((b, c, i) => (c > counts[b]! ? i : b), 0);
  return { weekday: Math.floor(best / 24), hour: best % 24 };
}

function setupsOf(table: ReturnType<typeof buildResponseTable>["table"]): StoredScoring["setups"] {
  const column = (name: string) => {
    const f = table.features.find((x) => x.name === name);
    return (r: number) => (f?.kind === "categorical" && f.codes[r]! >= 0 ? f.levels[f.codes[r]!]! : null);
  };
  const [channel, adType, adPosition] = [column("channel"), column("ad type"), column("ad position")];
  const seen = new Map<string, StoredScoring["setups"][number]>();
  for (let r = 0; r < table.rows; r++) {
    const s = { channel: channel(r), adType: adType(r), adPosition: adPosition(r) };
    const key = JSON.stringify(s);
    const e = seen.get(key) ?? { ...s, exposures: 0 };
    e.exposures++;
    seen.set(key, e);
  }
  return [...seen.values()].sort((a, b) => b.exposures - a.exposures);
}

/** The scoring job's work (lib/services/jobs/job-kinds.ts registers it). */
export async function scoringJob(settings: ScoringSettings, progress: Progress) {
  return { result: await trainScoring(settings, progress) };
}
