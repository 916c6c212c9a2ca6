// Scoring any CSV from the page: a file uploaded as for an import (data/uploads, POST /api/imports/uploads)
// is read by the CLI's reader (lib/csv/scoring-table.ts), split and judged by the same functions as
// `cli eval-scoring --file`, in a background job whose result the page shows. The choices are checked first
// in the page's words (the reader names the CLI's flags), then the reader does the rest.
import { constants } from "node:buffer";
import { z } from "zod";
import { detectDateFormat, parseDate } from "../../csv/dates";
import { sniffEncoding } from "../../csv/detect";
import { choosePositive, distinctValues, findColumn, isMissing, parseRecords, POSITIVE_SCAN, readScoringRecords, sampleColumn, type Parsed, type ScoringCsv, type ScoringLayout } from "../../csv/scoring-table";
import { getJobResult, getLatestJobId } from "../../db/jobs";
import { UserError, userErrorFromMl } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import { evaluateScoring, type EvaluateOptions, type Evaluation } from "../../ml/scoring/evaluate";
import { takeRows, type LabelledTable } from "../../ml/scoring/features";
import type { ScoringKind } from "../../ml/scoring/model";
import { SCORING_KINDS } from "../../ml/scoring/scorer";
import { stratifiedSplit, timeSplit } from "../../ml/scoring/split";
import { readStored, storedNumber, storedShape } from "../../stored-json";
import type { JobKindSpec, Progress } from "../jobs/job-kind";
import { inspectSource, openTextStream, sampleText } from "../import/source";
import { readUploadMeta, uploadPath } from "../import/uploads";
import { ModelEvaluationRow, ScoringSettings } from "./training";
import { capitalised } from "../../format";

export const FILE_SCORING_RUN_KIND = "file-scoring";
const KINDS = SCORING_KINDS as [ScoringKind, ...ScoringKind[]];

/** What to learn from an uploaded file; the defaults are the CLI's (random split, 20% test, seed 42, every model). */
export const FileScoringSettings = z.object({
  /** As POST /api/imports/uploads answered it (uploadPath() refuses anything else). */
  uploadId: z.string().min(1).max(64),
  target: z.string().trim().min(1, "choose the target column"),
  /** Guessed for yes/no, 1/0 and true/false targets when absent, as the CLI does. */
  positive: z.string().trim().min(1).optional(),
  drop: z.array(z.string().trim().min(1)).max(1000).default([]),
  categorical: z.array(z.string().trim().min(1)).max(1000).default([]),
  split: z.enum(["random", "time"]).default("random"),
  /** For a time split: the column ordering the rows; the first date column (or file order) when absent. */
  timeColumn: z.string().trim().min(1).optional(),
  testShare: ScoringSettings.shape.testShare,
  seed: ScoringSettings.shape.seed,
  models: ScoringSettings.shape.models,
});
export type FileScoringSettings = z.infer<typeof FileScoringSettings>;

export const COLUMN_KINDS = ["numeric", "categorical", "date", "dropped", "target"] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const StoredFileScoring = z.object({
  version: z.literal(1),
  settings: FileScoringSettings,
  fileName: z.string(),
  target: z.object({ name: z.string(), positive: z.string() }),
  /** Every column in file order; `missing` and `levels` for features only. */
  columns: z.array(z.object({ name: z.string(), kind: z.enum(COLUMN_KINDS), missing: z.number().nullable(), levels: z.number().nullable() })),
  /** What ordered the rows of a time split (null: file order, or a random split). */
  timeColumn: z.string().nullable(),
  /** Rows without a target value, left out. */
  leftOut: z.number().int(),
  rows: z.object({ train: z.number(), test: z.number() }),
  positives: z.object({ train: z.number(), test: z.number() }),
  baseline: z.object({ logLoss: storedNumber, brier: storedNumber }),
  evaluations: z.array(ModelEvaluationRow.omit({ importance: true, oddsRatios: true })),
  best: z.enum(KINDS),
});
export type StoredFileScoring = z.infer<typeof StoredFileScoring>;

const REMEDY = "upload the file and score it again";
const FileScoringParameters = FileScoringSettings.extend({ version: z.literal(1) });
export const FILE_SCORING_SHAPES = {
  parameters: storedShape({ name: "file scoring settings", version: 1, schema: FileScoringParameters, remedy: REMEDY }),
  result: storedShape({ name: "file scoring result", version: 1, schema: StoredFileScoring, remedy: REMEDY }),
} as const;

// ---- shared with `cli eval-scoring --file` -------------------------------------------------------------

/** The train and test tables of one file, cut as `cli eval-scoring --file` cuts them. */
export function splitScoringTable(table: LabelledTable, o: { split: "random" | "time"; testShare: number; seed: number; time: Float64Array | null }): { train: LabelledTable; test: LabelledTable } {
  const s = o.split === "time" ? timeSplit(table.rows, o.testShare, o.time) : stratifiedSplit(table.label, o.testShare, o.seed);
  return { train: takeRows(table, s.train), test: takeRows(table, s.test) };
}

/** evaluateScoring with small-data warnings that name the file's target and positive value. */
export function evaluateScoringCsv(layout: ScoringLayout, train: LabelledTable, test: LabelledTable, o: Pick<EvaluateOptions, "models" | "seed" | "onProgress">): Evaluation {
  const { name, positive } = layout.target;
  return evaluateScoring(train, test, { ...o, positiveNoun: `rows with ${name} = ${positive}`, positiveNounOne: `row with ${name} = ${positive}`, negativeNoun: "other rows" });
}

// ---- reading the upload -------------------------------------------------------------------------------

async function uploadSample(uploadId: string): Promise<{ fileName: string; text: string; whole: boolean }> {
  const meta = await readUploadMeta(uploadId);
  const source = await inspectSource(uploadPath(uploadId));
  return { fileName: meta.fileName, text: sampleText(source, sniffEncoding(source.sample).encoding), whole: source.sampleIsWhole };
}

/** The whole upload as text (gzip and Latin-1 handled as an import reads them). */
async function readUploadText(uploadId: string): Promise<{ fileName: string; text: string }> {
  const meta = await readUploadMeta(uploadId);
  const source = await inspectSource(uploadPath(uploadId));
  let chars = 0;
  const stream = openTextStream(source, sniffEncoding(source.sample).encoding, () => undefined, undefined, (n) => (chars += n));
  const parts: string[] = [];
  for await (const chunk of stream as AsyncIterable<string>) {
    // The reader takes one string; past Node's longest one the join would fail with V8's own RangeError.
    if (chars > constants.MAX_STRING_LENGTH) {
      stream.destroy();
      throw new UserError(`${meta.fileName} holds more than ${Math.floor(constants.MAX_STRING_LENGTH / 1e6)} million characters, more than can be scored at once; score a sample of its rows.`);
    }
    parts.push(chunk);
  }
  return { fileName: meta.fileName, text: parts.join("") };
}

// ---- the choices, in the page's words -----------------------------------------------------------------

const listed = (v: { values: string[]; more: boolean }) => `${v.values.join(", ")}${v.more ? ", …" : ""}`;

/** Each named column found (by header, ignoring case and spacing, or by position) and the combination allowed. */
function resolveColumns(names: readonly string[], s: FileScoringSettings): { target: number; time: number | null } {
  const target = findColumn(names, s.target, "Target column");
  for (const d of s.drop) if (findColumn(names, d, "Columns to drop") === target) throw new MlRangeError(`Columns to drop: "${names[target]}" is the target`);
  for (const c of s.categorical) findColumn(names, c, "Categorical columns");
  const time = s.split === "time" && s.timeColumn ? findColumn(names, s.timeColumn, "Time column") : null;
  if (time === target) throw new MlRangeError(`Time column: "${names[target]}" is the target`);
  return { target, time };
}


function checkPositive(data: readonly string[][], j: number, name: string, positive: string | undefined): string {
  const seen = distinctValues(data, j, POSITIVE_SCAN);
  const shown = { values: seen.values.slice(0, 20), more: seen.more || seen.values.length > 20 };
  if (positive === undefined) {
    try {
      return choosePositive(data, j, name, undefined);
    } catch (e) {
      if (!(e instanceof MlRangeError)) throw e;
      throw new MlRangeError(`The target "${name}" has values ${listed(shown)}: choose the positive one`);
    }
  }
  const match = seen.values.find((v) => v.toLowerCase() === positive.toLowerCase());
  if (!match) throw new MlRangeError(`The target "${name}" has no value "${positive}" (values: ${listed(shown)})`);
  return match;
}

/** Epoch ms of each row the reader keeps (those with a target), from a chosen time column. */
function readTimes(data: readonly string[][], target: number, j: number, name: string): Float64Array {
  const kept = data.filter((r) => !isMissing(r[target] ?? ""));
  const { format, fits, of } = detectDateFormat(sampleColumn(kept, j));
  if (!format || fits < of) throw new MlRangeError(`Time column: "${name}" does not hold dates in one format`);
  return Float64Array.from(kept, (r) => parseDate(r[j] ?? "", format));
}

interface ReadFile {
  fileName: string;
  csv: ScoringCsv;
  table: LabelledTable;
  /** A chosen time column: its index and each kept row's time. */
  time: { index: number; values: Float64Array } | null;
}

/** The person's choices checked against the parsed file in the page's words (the reader's name the CLI's flags). */
function checkChoices(p: Parsed, s: FileScoringSettings): { positive: string; time: ReadFile["time"] } {
  const cols = resolveColumns(p.names, s);
  const positive = checkPositive(p.data, cols.target, p.names[cols.target]!, s.positive);
  return { positive, time: cols.time === null ? null : { index: cols.time, values: readTimes(p.data, cols.target, cols.time, p.names[cols.time]!) } };
}

/** The file read as a scoring table, parsed once; its text is not kept. A chosen time column orders rows and is no feature. */
async function readFileTable(s: FileScoringSettings): Promise<ReadFile> {
  const upload = await readUploadText(s.uploadId);
  const p = parseRecords(upload.text, undefined, undefined);
  const { positive, time } = checkChoices(p, s);
  const csv = readScoringRecords(p, { target: s.target, positive, drop: s.drop, categorical: s.categorical });
  const keep = csv.layout.features.map((f) => f.index !== time?.index);
  if (!keep.includes(true)) throw new MlRangeError("no feature columns are left once the target, the time column and the dropped columns are set aside");
  return { fileName: upload.fileName, csv, table: { ...csv.table, features: csv.table.features.filter((_, k) => keep[k]) }, time };
}

function columnKinds(csv: ScoringCsv, timeIndex: number | null): StoredFileScoring["columns"] {
  const features = new Map(csv.layout.features.map((f, k) => [f.index, csv.columns[k]!]));
  return csv.layout.names.map((name, j) => {
    const none = { name, missing: null, levels: null };
    if (j === csv.layout.target.index) return { ...none, kind: "target" };
    if (j === timeIndex || j === csv.layout.time?.index) return { ...none, kind: "date" };
    const c = features.get(j);
    return c ? { name, kind: c.kind, missing: c.missing, levels: c.kind === "categorical" ? c.distinct : null } : { ...none, kind: "dropped" };
  });
}

const countPositives = (label: Uint8Array) => label.reduce((n, y) => n + y, 0);

// ---- the job ------------------------------------------------------------------------------------------

export async function evaluateUploadedCsv(s: FileScoringSettings, progress: Progress): Promise<StoredFileScoring> {
  await progress(0.02, "Reading the file…");
  let read: ReadFile;
  try {
    read = await readFileTable(s);
  } catch (e) {
    throw userErrorFromMl(e);
  }
  const { csv, time } = read;
  await progress(0.2, "Splitting the rows…");
  const models = s.models.length ? s.models : SCORING_KINDS;
  // evaluateScoring reports synchronously: a cancel seen there is kept and thrown once it returns.
  let cancelled: unknown = null;
  const { train, test, evaluation } = (() => {
    try {
      const { train, test } = splitScoringTable(read.table, { split: s.split, testShare: s.testShare, seed: s.seed, time: time?.values ?? csv.time });
      const onProgress = (note: string, done: number, total: number) => void progress(0.25 + (0.7 * done) / total, `${capitalised(note)}…`).catch((e: unknown) => (cancelled ??= e));
      return { train, test, evaluation: evaluateScoringCsv(csv.layout, train, test, { models, seed: s.seed, onProgress }) };
    } catch (e) {
      throw userErrorFromMl(e);
    }
  })();
  if (cancelled) throw cancelled;
  await progress(0.97, "Saving the results…");
  return {
    version: 1,
    settings: { ...s, models: [...models] },
    fileName: read.fileName,
    target: { name: csv.layout.target.name, positive: csv.layout.target.positive },
    columns: columnKinds(csv, time?.index ?? null),
    timeColumn: s.split !== "time" ? null : time ? csv.layout.names[time.index]! : (csv.layout.time?.name ?? null),
    leftOut: csv.leftOut.count,
    rows: evaluation.rows,
    positives: { train: countPositives(train.label), test: countPositives(test.label) },
    baseline: { logLoss: evaluation.baseline.logLoss, brier: evaluation.baseline.brier },
    evaluations: evaluation.models.map(({ predictSeconds: _, ...m }) => m),
    best: evaluation.models.reduce((a, b) => (b.auc > a.auc ? b : a)).kind,
  };
}

/** The file-scoring job (lib/services/jobs/job-kinds.ts registers it). */
export const FILE_SCORING_JOB: JobKindSpec<z.infer<typeof FileScoringParameters>> = {
  kind: FILE_SCORING_RUN_KIND,
  label: "Scoring the file",
  parameters: FILE_SCORING_SHAPES.parameters,
  run: async (p, ctx) => ({ result: await evaluateUploadedCsv(p, ctx.progress) }),
  afterFailure: "",
};

/** Refuses settings that do not fit the upload's header before any job exists; the values are checked by the job. */
export async function checkFileScoringStart(s: FileScoringSettings): Promise<void> {
  const { text } = await uploadSample(s.uploadId);
  try {
    resolveColumns(parseRecords(text, undefined, undefined).names, s);
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

// ---- what the form shows before the job ---------------------------------------------------------------

export interface FileInspection {
  fileName: string;
  /** Data rows read to detect the kinds: the first 64 KiB of the file (all of it when `wholeFile`). */
  rowsRead: number;
  wholeFile: boolean;
  columns: { name: string; kind: ColumnKind }[];
  /** The date column a time split orders rows by, unless another is chosen. */
  timeColumn: string | null;
  target: { name: string; values: string[]; more: boolean; positive: string | null };
}

const INSPECT_VALUES = 20;

function guessPositive(data: readonly string[][], j: number, name: string): string | null {
  try {
    return choosePositive(data, j, name, undefined);
  } catch (e) {
    if (e instanceof MlRangeError) return null;
    throw e;
  }
}

/**
 * The header, each column's kind as the reader detects it in the first rows, and the target's values to
 * pick the positive one from. Without a target, the last column with a guessable positive value (else the last).
 */
export async function inspectUpload(uploadId: string, target?: string): Promise<FileInspection> {
  const sample = await uploadSample(uploadId);
  try {
    const p = parseRecords(sample.text, undefined, undefined);
    const guessed = p.names.map((n, j) => j).filter((j) => guessPositive(p.data, j, p.names[j]!) !== null);
    const j = target === undefined ? (guessed.at(-1) ?? p.names.length - 1) : findColumn(p.names, target, "Target column");
    const name = p.names[j]!;
    const values = distinctValues(p.data, j, INSPECT_VALUES);
    if (values.values.length === 0) throw new MlRangeError(`The column "${name}" is empty in the first ${p.data.length} rows: choose another target column`);
    // Any value will do as the positive one here: the kinds do not depend on it.
    const csv = readScoringRecords(p, { target: name, positive: values.values[0] });
    return {
      fileName: sample.fileName,
      rowsRead: p.data.length,
      wholeFile: sample.whole,
      columns: columnKinds(csv, null).map((c) => ({ name: c.name, kind: c.kind })),
      timeColumn: csv.layout.time?.name ?? null,
      target: { name, ...values, positive: guessPositive(p.data, j, name) },
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

// ---- reading a finished run back ----------------------------------------------------------------------

export interface LoadedFileScoring {
  id: number;
  finishedAt: Date;
  result: StoredFileScoring;
}

/** A completed file-scoring run (the latest when no id is given), or null. */
export async function loadFileScoringRun(id?: number): Promise<LoadedFileScoring | null> {
  const runId = id ?? (await getLatestJobId(FILE_SCORING_RUN_KIND))?.id;
  if (runId === undefined) return null;
  const run = await getJobResult(runId);
  if (!run || run.kind !== FILE_SCORING_RUN_KIND || run.result === null) return null;
  return { id: run.id, finishedAt: run.finishedAt, result: readStored(FILE_SCORING_SHAPES.result, run.result, `run ${run.id}`) };
}
