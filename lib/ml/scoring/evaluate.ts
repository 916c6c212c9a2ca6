// Trains the chosen models on one table and judges them on another, beside the constant baseline: the one
// evaluation the CLI, the benchmark and the training job share, so their figures agree.
import { MlRangeError } from "../errors";
import type { LabelledTable } from "./features";
import { baselineMetrics, brierScore, logLoss } from "./metrics/losses";
import { averagePrecision } from "./metrics/pr";
import { rocAucInterval } from "./metrics/roc";
import { calibrationCurve } from "./metrics/calibration-curve";
import { gainByDecile } from "./metrics/gain-lift";
import { smallDataWarning } from "./metrics/small-data";
import type { ScoringKind } from "./model";
import { fitScorer, scoreRows, type Scorer } from "./scorer";

export interface ModelEvaluation {
  readonly kind: ScoringKind;
  readonly auc: number;
  readonly aucLow: number;
  readonly aucHigh: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly averagePrecision: number;
  readonly calibration: ReturnType<typeof calibrationCurve>;
  readonly deciles: ReturnType<typeof gainByDecile>;
  /** The final fit alone; choosing settings by cross-validation is `tuningSeconds`. */
  readonly fitSeconds: number;
  readonly tuningSeconds: number;
  readonly predictSeconds: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly calibrationMethod: string;
  readonly warning: string | null;
}

export interface Evaluation {
  readonly rows: { readonly train: number; readonly test: number };
  readonly positiveRate: number;
  readonly baseline: { readonly logLoss: number; readonly brier: number; readonly auc: number; readonly averagePrecision: number };
  readonly models: readonly ModelEvaluation[];
  readonly scorers: readonly Scorer[];
}

export interface EvaluateOptions {
  readonly models: readonly ScoringKind[];
  readonly seed: number;
  /** "clicks", "conversions", "subscriptions": the noun small-data warnings use. */
  readonly positiveNoun?: string;
  readonly positiveNounOne?: string;
  readonly negativeNoun?: string;
  readonly onProgress?: (note: string, done: number, total: number) => void;
}

const MIN_ROWS = 100;

export function evaluateScoring(train: LabelledTable, test: LabelledTable, o: EvaluateOptions): Evaluation {
  if (train.rows < MIN_ROWS) throw new MlRangeError(`only ${train.rows} training rows: scoring needs at least ${MIN_ROWS}`);
  const positives = (t: LabelledTable) => t.label.reduce((s, y) => s + y, 0);
  for (const [name, t] of [["training", train], ["test", test]] as const) {
    const p = positives(t);
    if (p === 0 || p === t.rows) throw new MlRangeError(`the ${name} rows are all ${p === 0 ? "negative" : "positive"}: there is nothing to tell apart`);
  }
  const base = baselineMetrics(test.label);
  const scorers: Scorer[] = [];
  const models = o.models.map((kind, k) => {
    o.onProgress?.(`training ${kind}`, k, o.models.length);
    const started = performance.now();
    const { scorer, report, tuning } = fitScorer(kind, train, { seed: o.seed });
    const fitSeconds = (performance.now() - started) / 1000 - (tuning?.seconds ?? 0);
    const t0 = performance.now();
    const p = scoreRows(scorer, test);
    const predictSeconds = (performance.now() - t0) / 1000;
    scorers.push(scorer);
    const auc = rocAucInterval(p, test.label);
    const pos = positives(test);
    return {
      kind,
      auc: auc.auc,
      aucLow: auc.low,
      aucHigh: auc.high,
      logLoss: logLoss(p, test.label),
      brier: brierScore(p, test.label),
      averagePrecision: averagePrecision(p, test.label),
      calibration: calibrationCurve(p, test.label, { bins: 10, strategy: "quantile" }),
      deciles: gainByDecile(p, test.label, { groups: 10 }),
      fitSeconds,
      tuningSeconds: tuning?.seconds ?? 0,
      predictSeconds,
      iterations: report.iterations,
      converged: report.converged,
      calibrationMethod: scorer.calibration.kind,
      warning: smallDataWarning({ rows: test.rows, positives: pos, negatives: test.rows - pos, aucInterval: auc, positiveNoun: o.positiveNoun ?? "positives", positiveNounOne: o.positiveNounOne, negativeNoun: o.negativeNoun }),
    };
  });
  o.onProgress?.("done", o.models.length, o.models.length);
  return {
    rows: { train: train.rows, test: test.rows },
    positiveRate: positives(test) / test.rows,
    baseline: { logLoss: base.logLoss, brier: base.brier, auc: base.auc, averagePrecision: base.averagePrecision },
    models,
    scorers,
  };
}
