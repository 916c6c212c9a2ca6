import { parseArgs } from "node:util";
import { readScoringCsv, readScoringCsvLike, type ScoringCsv } from "../../lib/csv/scoring-table";
import { userErrorFromMl } from "../../lib/errors";
import type { Evaluation } from "../../lib/ml/scoring/evaluate";
import type { LabelledTable } from "../../lib/ml/scoring/features";
import type { ScoringKind } from "../../lib/ml/scoring/model";
import { SCORING_KINDS } from "../../lib/ml/scoring/scorer";
import { evaluateScoringCsv, splitScoringTable } from "../../lib/services/scoring/file-evaluation";
import { type Command, listFlag, parseDelimiter, parseIntegerFlag, readText, UsageError } from "../cli-support";

export const evalScoringCommand: Command = {
  name: "eval-scoring",
  summary: "train click/conversion models on any CSV and report AUC, log-loss and Brier score on held-out rows",
  usage:
    "eval-scoring (--file F [--split random|time] [--test-size 0.2] [--seed N] | --train F --test F) --target COL [--positive VALUE] [--drop a,b,…] [--categorical a,b,…] [--no-header] [--delimiter comma|semicolon|tab] [--models logistic,forest,gbt] [--json]",
  async run(args, ctx) {
    try {
      return await evaluate(args, ctx.log);
    } catch (e) {
      // lib/ml's refusals here (a missing column, a target without its positive value, too few rows) are
      // about the file and the flags: the person's to fix.
      throw userErrorFromMl(e);
    }
  },
};

function parseShare(value: string | undefined): number {
  if (value === undefined) return 0.2;
  const share = Number(value);
  if (!(share > 0 && share < 1)) throw new UsageError(`--test-size must be a number between 0 and 1, got "${value}"`);
  return share;
}

function parseModels(value: string | undefined): ScoringKind[] {
  const models = value === undefined ? SCORING_KINDS : listFlag(value);
  for (const m of models) if (!SCORING_KINDS.includes(m as ScoringKind)) throw new UsageError(`--models: unknown model "${m}" (models: ${SCORING_KINDS.join(", ")})`);
  if (models.length === 0) throw new UsageError("--models names no model");
  return models as ScoringKind[];
}

async function evaluate(args: string[], log: (line: string) => void): Promise<{ json: object; text: string }> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      file: { type: "string" },
      train: { type: "string" },
      test: { type: "string" },
      split: { type: "string", default: "random" },
      "test-size": { type: "string" },
      seed: { type: "string" },
      target: { type: "string" },
      positive: { type: "string" },
      drop: { type: "string" },
      categorical: { type: "string" },
      "no-header": { type: "boolean", default: false },
      delimiter: { type: "string" },
      models: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.target) throw new UsageError("--target is required");
  if (!values.file === !(values.train || values.test)) throw new UsageError("give either --file, or --train and --test");
  if (!values.file && !(values.train && values.test)) throw new UsageError("--train and --test go together");
  if (values.split !== "random" && values.split !== "time") throw new UsageError(`--split must be random or time, got "${values.split}"`);
  const delimiter = parseDelimiter(values.delimiter);
  const seed = parseIntegerFlag("seed", values.seed, 42);
  const models = parseModels(values.models);
  const header = values["no-header"] ? false : undefined;
  const options = { target: values.target, positive: values.positive, drop: listFlag(values.drop), categorical: listFlag(values.categorical), header, delimiter };

  let first: ScoringCsv;
  let train: LabelledTable;
  let test: LabelledTable;
  let splitNote: string;
  if (values.file) {
    first = readScoringCsv(readText(values.file), options);
    const share = parseShare(values["test-size"]);
    ({ train, test } = splitScoringTable(first.table, { split: values.split, testShare: share, seed, time: first.time }));
    splitNote = values.split === "time" ? `time split: the latest ${share * 100}% of rows ${first.layout.time ? `by "${first.layout.time.name}"` : "in file order"} are the test` : `stratified random split, ${share * 100}% test, seed ${seed}`;
  } else {
    first = readScoringCsv(readText(values.train!), options);
    const second = readScoringCsvLike(readText(values.test!), first, { header });
    [train, test] = [first.table, second.table];
    splitNote = `test file ${values.test}${second.unreadable ? ` (${second.unreadable} values in numeric columns were not numbers and were read as missing)` : ""}`;
  }
  const evaluation = evaluateScoringCsv(first.layout, train, test, { models, seed, onProgress: (note) => log(note) });
  return { json: toJson(evaluation, first), text: toText(evaluation, first, splitNote) };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function toJson(e: Evaluation, csv: ScoringCsv): object {
  const models = Object.fromEntries(
    e.models.map((m) => [
      m.kind,
      {
        auc: round(m.auc),
        aucInterval: [round(m.aucLow), round(m.aucHigh)],
        logLoss: round(m.logLoss),
        brier: round(m.brier),
        averagePrecision: round(m.averagePrecision),
        fitSeconds: round(m.fitSeconds, 3),
        tuningSeconds: round(m.tuningSeconds, 3),
        iterations: m.iterations,
        converged: m.converged,
        calibration: m.calibrationMethod,
        warning: m.warning,
        deciles: m.deciles,
      },
    ]),
  );
  return {
    rows: e.rows,
    positiveRate: round(e.positiveRate),
    target: csv.layout.target.name,
    positive: csv.layout.target.positive,
    columns: csv.columns.map((c) => ({ name: c.name, kind: c.kind })),
    leftOut: csv.leftOut.count,
    baseline: { logLoss: round(e.baseline.logLoss), brier: round(e.baseline.brier), auc: 0.5 },
    models,
  };
}

function toText(e: Evaluation, csv: ScoringCsv, splitNote: string): string {
  const numeric = csv.columns.filter((c) => c.kind === "numeric").map((c) => c.name);
  const categorical = csv.columns.filter((c) => c.kind === "categorical").map((c) => `${c.name} (${c.distinct})`);
  const lines = [
    `${e.rows.train} training rows, ${e.rows.test} test rows (${splitNote}); target "${csv.layout.target.name}" = "${csv.layout.target.positive}" on ${(e.positiveRate * 100).toFixed(1)}% of test rows.`,
    `Numeric: ${numeric.join(", ") || "none"}. Categorical (levels): ${categorical.join(", ") || "none"}.${csv.layout.dropped.length ? ` Dropped: ${csv.layout.dropped.join(", ")}.` : ""}`,
    ...(csv.leftOut.count ? [`${csv.leftOut.count} rows had no target value and were left out (lines ${csv.leftOut.lines.join(", ")}${csv.leftOut.count > csv.leftOut.lines.length ? ", …" : ""}).`] : []),
    `baseline (every row at the positive rate): log-loss ${e.baseline.logLoss.toFixed(4)}, Brier ${e.baseline.brier.toFixed(4)}, AUC 0.5`,
    ...e.models.map(
      (m) =>
        `${m.kind.padEnd(9)} AUC ${m.auc.toFixed(4)} (95% ${m.aucLow.toFixed(3)}–${m.aucHigh.toFixed(3)}), log-loss ${m.logLoss.toFixed(4)}, Brier ${m.brier.toFixed(4)}, PR AUC ${m.averagePrecision.toFixed(4)}; fit ${m.fitSeconds.toFixed(2)} s${m.tuningSeconds ? ` (+ ${m.tuningSeconds.toFixed(2)} s choosing the penalty by 5-fold cross-validation)` : ""}, ${m.iterations} iterations${m.converged ? "" : " (not converged)"}, calibration ${m.calibrationMethod}${m.warning ? `\n          ${m.warning}` : ""}`,
    ),
  ];
  return lines.join("\n");
}
