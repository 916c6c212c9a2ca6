// Any CSV as a scoring table: the person names the target column and its positive value; every other column
// becomes a feature, numeric when all its values are numbers, categorical otherwise, unless dropped. Pure: it
// takes the text. A second file (the test file, a file to score) is read against the first one's columns, so
// levels line up and unseen ones are appended (lib/ml/scoring/features.ts).
import Papa from "papaparse";
import { MlRangeError } from "../ml/errors";
import type { Feature, LabelledTable } from "../ml/scoring/features";
import { DATE_FORMATS, detectDateFormat, parseDate, type DateFormat } from "./dates";
import { detectDelimiter, detectHeader, usesDecimalComma, type Delimiter } from "./detect";
import { columnNames, normaliseHeader } from "./header-match";
import { parseNumber } from "./numbers";

export interface ScoringCsvOptions {
  target: string;
  /** The target's positive value; guessed for yes/no, 1/0 and true/false columns. */
  positive?: string;
  drop?: readonly string[];
  /** Columns to read as categories even though their values are numbers (ids, codes). */
  categorical?: readonly string[];
  /** Auto-detected when absent. */
  header?: boolean;
  delimiter?: Delimiter;
}

export interface ScoringColumn {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  readonly missing: number;
  readonly distinct: number;
}

/** How a file was read: enough to read another file the same way and to tell the person what happened. */
export interface ScoringLayout {
  readonly names: readonly string[];
  readonly delimiter: Delimiter;
  readonly target: { readonly index: number; readonly name: string; readonly positive: string };
  readonly features: readonly { readonly index: number; readonly kind: "numeric" | "categorical"; readonly decimalComma: boolean }[];
  /** The first date column, used to order rows for a time split (never a feature). */
  readonly time: { readonly index: number; readonly name: string; readonly format: DateFormat } | null;
  readonly dropped: readonly string[];
}

export interface ScoringCsv {
  readonly table: LabelledTable;
  readonly layout: ScoringLayout;
  readonly columns: readonly ScoringColumn[];
  /** Epoch ms per row from the time column, or null. */
  readonly time: Float64Array | null;
  /** Rows left out because their target was empty, with the first few lines named. */
  readonly leftOut: { readonly count: number; readonly lines: readonly number[] };
  /** Values in numeric columns of a second file that were not numbers, read as missing. */
  readonly unreadable: number;
}

export const MISSING_VALUES = new Set(["", "na", "n/a", "nan", "null", "none", "?"]);
export const isMissing = (v: string): boolean => MISSING_VALUES.has(v.trim().toLowerCase());
const POSITIVE_GUESSES = ["1", "yes", "true", "y", "clicked", "converted"];
const SAMPLE = 2000;

export interface Parsed {
  names: string[];
  data: string[][];
  firstLine: number;
  delimiter: Delimiter;
}

export function parseRecords(text: string, header: boolean | undefined, delimiter: Delimiter | undefined): Parsed {
  const d = delimiter ?? detectDelimiter(text.slice(0, 64 * 1024));
  const rows = Papa.parse<string[]>(text, { delimiter: d, skipEmptyLines: true }).data;
  if (rows.length === 0) throw new MlRangeError("the file has no rows");
  const hasHeader = header ?? detectHeader(rows.slice(0, 50));
  return { names: columnNames(hasHeader ? rows[0]! : null, rows[0]!.length), data: hasHeader ? rows.slice(1) : rows, firstLine: hasHeader ? 2 : 1, delimiter: d };
}

/** A column by header (ignoring case and spacing), by "column N", or by its position from 1. */
export function findColumn(names: readonly string[], wanted: string, flag: string): number {
  const w = normaliseHeader(wanted);
  const byName = names.findIndex((n) => normaliseHeader(n) === w);
  if (byName >= 0) return byName;
  const position = /^\d+$/.test(wanted.trim()) ? Number(wanted.trim()) : NaN;
  if (position >= 1 && position <= names.length) return position - 1;
  throw new MlRangeError(`${flag}: no column "${wanted}" (columns: ${names.join(", ")})`);
}

/** Distinct non-empty values of column j in file order, up to `limit`; `more` when there are others. */
export function distinctValues(data: readonly string[][], j: number, limit: number): { values: string[]; more: boolean } {
  const seen = new Set<string>();
  for (const r of data) {
    const v = (r[j] ?? "").trim();
    if (isMissing(v) || seen.has(v)) continue;
    if (seen.size === limit) return { values: [...seen], more: true };
    seen.add(v);
  }
  return { values: [...seen], more: false };
}

/** How many distinct values of the target are looked at to find or guess the positive one. */
export const POSITIVE_SCAN = 50;

export function choosePositive(data: readonly string[][], j: number, name: string, positive: string | undefined): string {
  const { values, more } = distinctValues(data, j, POSITIVE_SCAN);
  if (positive !== undefined) {
    const match = values.find((v) => v.toLowerCase() === positive.trim().toLowerCase());
    if (!match) throw new MlRangeError(`--positive: the target "${name}" has no value "${positive}" (values: ${values.slice(0, 10).join(", ")})`);
    return match;
  }
  if (values.length === 2) {
    const guess = values.find((v) => POSITIVE_GUESSES.includes(v.toLowerCase()));
    if (guess) return guess;
  }
  throw new MlRangeError(`the target "${name}" has values ${values.slice(0, 10).join(", ")}${values.length > 10 || more ? ", …" : ""}: name the positive one with --positive`);
}

/** About SAMPLE evenly spaced non-empty values of column j, trimmed. */
export function sampleColumn(data: readonly string[][], j: number): string[] {
  const step = Math.max(1, Math.floor(data.length / SAMPLE));
  const out: string[] = [];
  for (let i = 0; i < data.length; i += step) {
    const v = (data[i]![j] ?? "").trim();
    if (!isMissing(v)) out.push(v);
  }
  return out;
}

function isNumericColumn(data: readonly string[][], j: number, decimalComma: boolean): boolean {
  let seen = 0;
  for (const r of data) {
    const v = r[j] ?? "";
    if (isMissing(v)) continue;
    seen++;
    if (Number.isNaN(parseNumber(v, decimalComma))) return false;
  }
  return seen > 0;
}

function detectTime(data: readonly string[][], names: readonly string[], candidates: readonly number[]): ScoringLayout["time"] {
  const spelled = new Set<DateFormat>(DATE_FORMATS.map((f) => f.id).filter((f) => f !== "unix-s" && f !== "unix-ms"));
  for (const j of candidates) {
    const sample = sampleColumn(data, j);
    if (sample.length === 0) continue;
    // A time column holds dates only: every sampled value must read.
    const { format, fits, of } = detectDateFormat(sample);
    if (format && fits === of && spelled.has(format)) return { index: j, name: names[j]!, format };
  }
  return null;
}

function layoutOf(p: Parsed, o: ScoringCsvOptions): ScoringLayout {
  const target = findColumn(p.names, o.target, "--target");
  const drop = new Set((o.drop ?? []).map((d) => findColumn(p.names, d, "--drop")));
  if (drop.has(target)) throw new MlRangeError(`--drop: "${p.names[target]}" is the target`);
  const forced = new Set((o.categorical ?? []).map((c) => findColumn(p.names, c, "--categorical")));
  const rest = p.names.map((_, j) => j).filter((j) => j !== target && !drop.has(j));
  const kinds = rest.map((j) => {
    const decimalComma = usesDecimalComma(sampleColumn(p.data, j));
    return { index: j, kind: !forced.has(j) && isNumericColumn(p.data, j, decimalComma) ? ("numeric" as const) : ("categorical" as const), decimalComma };
  });
  const time = detectTime(p.data, p.names, kinds.filter((k) => k.kind === "categorical").map((k) => k.index));
  const features = kinds.filter((k) => k.index !== time?.index);
  if (features.length === 0) throw new MlRangeError("no feature columns are left once the target and the dropped columns are set aside");
  const positive = choosePositive(p.data, target, p.names[target]!, o.positive);
  return { names: p.names, delimiter: p.delimiter, target: { index: target, name: p.names[target]!, positive }, features, time, dropped: [...drop].map((j) => p.names[j]!) };
}

/** Reads a training file: detects the layout, then the table. */
export function readScoringCsv(text: string, options: ScoringCsvOptions): ScoringCsv {
  return readScoringRecords(parseRecords(text, options.header, options.delimiter), options);
}

/** readScoringCsv on records already parsed, for a caller that checks them first in its own words. */
export function readScoringRecords(p: Parsed, options: Omit<ScoringCsvOptions, "header" | "delimiter">): ScoringCsv {
  return readRows(p, layoutOf(p, options), null);
}

/** Reads another file the way `like` was read: same columns by name (or by position when it has no
 * header), its levels first and new ones appended. */
export function readScoringCsvLike(text: string, like: ScoringCsv, options: { header?: boolean } = {}): ScoringCsv {
  const p = parseRecords(text, options.header ?? (startsWithNames(text, like) || undefined), like.layout.delimiter);
  const positional = p.names.every((n, j) => n === `column ${j + 1}`);
  const index = (j: number): number => {
    if (positional) {
      if (p.names.length !== like.layout.names.length) throw new MlRangeError(`the file has ${p.names.length} columns and no header; the training file has ${like.layout.names.length}`);
      return j;
    }
    return findColumn(p.names, like.layout.names[j]!, "column");
  };
  const layout: ScoringLayout = {
    ...like.layout,
    names: p.names,
    target: { ...like.layout.target, index: index(like.layout.target.index) },
    features: like.layout.features.map((f) => ({ ...f, index: index(f.index) })),
    time: like.layout.time && { ...like.layout.time, index: index(like.layout.time.index) },
  };
  return readRows(p, layout, like);
}

/** True when the first record names every column the first file's layout uses. */
function startsWithNames(text: string, like: ScoringCsv): boolean {
  const first = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimiter: like.layout.delimiter, preview: 1 }).data[0] ?? [];
  const cells = new Set(first.map(normaliseHeader));
  const used = [like.layout.target.index, ...like.layout.features.map((f) => f.index)];
  return used.every((j) => cells.has(normaliseHeader(like.layout.names[j]!)));
}

function readRows(p: Parsed, layout: ScoringLayout, like: ScoringCsv | null): ScoringCsv {
  const keep: number[] = [];
  const leftOutLines: number[] = [];
  let leftOut = 0;
  p.data.forEach((r, i) => {
    if (isMissing(r[layout.target.index] ?? "")) {
      leftOut++;
      if (leftOutLines.length < 5) leftOutLines.push(i + p.firstLine);
    } else keep.push(i);
  });
  if (keep.length === 0) throw new MlRangeError(`the target "${layout.target.name}" is empty on every row`);
  const positive = layout.target.positive.toLowerCase();
  const label = Uint8Array.from(keep, (i) => ((p.data[i]![layout.target.index] ?? "").trim().toLowerCase() === positive ? 1 : 0));
  let unreadable = 0;
  const columns: ScoringColumn[] = [];
  const features = layout.features.map((f, k): Feature => {
    const name = (like?.layout ?? layout).names[(like?.layout.features[k] ?? f).index]!;
    if (f.kind === "numeric") {
      const values = new Float64Array(keep.length);
      let missing = 0;
      keep.forEach((i, row) => {
        const v = p.data[i]![f.index] ?? "";
        const x = isMissing(v) ? NaN : parseNumber(v, f.decimalComma);
        if (Number.isNaN(x)) {
          missing++;
          if (!isMissing(v)) unreadable++;
        }
        values[row] = x;
      });
      columns.push({ name, kind: "numeric", missing, distinct: new Set(values).size });
      return { kind: "numeric", name, values };
    }
    const prior = like?.table.features[k];
    const levels = prior?.kind === "categorical" ? [...prior.levels] : [];
    const code = new Map(levels.map((l, c) => [l, c]));
    const codes = new Int32Array(keep.length);
    let missing = 0;
    keep.forEach((i, row) => {
      const v = (p.data[i]![f.index] ?? "").trim();
      if (isMissing(v)) {
        missing++;
        codes[row] = -1;
        return;
      }
      let c = code.get(v);
      if (c === undefined) code.set(v, (c = levels.push(v) - 1));
      codes[row] = c;
    });
    columns.push({ name, kind: "categorical", missing, distinct: levels.length });
    return { kind: "categorical", name, codes, levels };
  });
  const time = layout.time && Float64Array.from(keep, (i) => parseDate(p.data[i]![layout.time!.index] ?? "", layout.time!.format));
  return { table: { rows: keep.length, features, label }, layout, columns, time, leftOut: { count: leftOut, lines: leftOutLines }, unreadable };
}
