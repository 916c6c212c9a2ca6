// What the import page shows after a file arrives: how the file is written (encoding, delimiter, header,
// decimal comma, date format), which kind it looks like, a suggested mapping and the first rows.
import { existsSync } from "node:fs";
import Papa from "papaparse";
import { DATE_FORMATS, detectDateFormat, parseDate, type DateFormat } from "../../csv/dates";
import { binaryReason, type Delimiter, detectDelimiter, detectHeader, sniffEncoding, type TextEncoding, usesDecimalComma } from "../../csv/detect";
import { columnNames, detectKind, type KindGuess, type Mapping, suggestMapping } from "../../csv/header-match";
import { fieldSpec, type ImportKind } from "../../csv/kinds";
import { inspectSource, sampleText } from "./source";
import { UserError } from "../../errors";

/** A file or upload the import cannot take; the message tells the person what to do. */
export class ImportInputError extends UserError {
  constructor(message: string) {
    super(message, "rejected");
    this.name = "ImportInputError";
  }
}

export interface AnalysisOverrides {
  kind?: ImportKind;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  encoding?: TextEncoding;
  decimalComma?: boolean;
  dateFormat?: DateFormat;
  /** The person's mapping, when they have changed it: dates are then detected in the columns it names. */
  mapping?: Mapping;
}

export interface FileAnalysis {
  isGzip: boolean;
  bytesTotal: number;
  encoding: TextEncoding;
  delimiter: Delimiter;
  hasHeader: boolean;
  decimalComma: boolean;
  dateFormat: DateFormat;
  dateFormatCandidates: DateFormat[];
  /** Column names: headers, or "column 1", "column 2", … */
  columns: string[];
  headers: string[] | null;
  preview: string[][];
  kind: ImportKind | null;
  kindGuesses: KindGuess[];
  mapping: Mapping;
  warnings: string[];
}

const PREVIEW_ROWS = 10;

/** Notes about a mapping that do not stop the import but change what it does. */
export function mappingWarnings(kind: ImportKind, mapping: Mapping): string[] {
  if (kind === "customers" && !mapping.includes("externalId")) {
    return ["No customer id column: each row is keyed by file name and line number, so importing a changed copy of the file updates rows by position."];
  }
  return [];
}

function dateColumns(kind: ImportKind | null, mapping: Mapping): number[] {
  if (!kind) return [];
  return mapping.flatMap((t, i) => (t && fieldSpec(kind, t)?.type === "date" ? [i] : []));
}

function pickDateFormat(rows: string[][], cols: number[], pinned: DateFormat | undefined, warnings: string[]): { format: DateFormat; candidates: DateFormat[] } {
  const values = rows.flatMap((r) => cols.map((c) => r[c] ?? "")).filter((v) => v.trim() !== "");
  const found = detectDateFormat(values);
  if (pinned) return { format: pinned, candidates: found.candidates };
  if (found.ambiguous) warnings.push(`Dates such as "${values[0]}" read as day/month and as month/day; check the date format.`);
  if (cols.length > 0 && values.length > 0 && !found.format) warnings.push(`The dates such as "${values[0]}" match no known format; pick one or fix the column.`);
  if (found.format && found.fits < found.of) {
    const label = DATE_FORMATS.find((d) => d.id === found.format)!.label;
    const broken = values.find((v) => Number.isNaN(parseDate(v, found.format!)));
    warnings.push(`Only ${found.fits} of the ${found.of} dates in the first rows read as ${label}, the format chosen; the others, such as "${broken}", will be refused unless you pick another format or fix them.`);
  }
  return { format: found.format ?? "iso", candidates: found.candidates };
}

/** The first columns of a rejected-rows file this app wrote: ignored when that file is imported again. */
const REJECTED_ROWS_COLUMNS = ["line", "column", "reason"];

function ignoreRejectedRowsColumns(headers: readonly string[] | null, mapping: Mapping, warnings: string[]): Mapping {
  if (!headers || !REJECTED_ROWS_COLUMNS.every((c, i) => headers[i] === c)) return mapping;
  warnings.push("This is a file of refused rows from an earlier import: its line, column and reason columns are ignored.");
  return mapping.map((t, i) => (i < REJECTED_ROWS_COLUMNS.length ? "" : t));
}

export async function analyseFile(path: string, overrides: AnalysisOverrides = {}): Promise<FileAnalysis> {
  if (!existsSync(path)) throw new ImportInputError("The file is gone (uploads are kept for a day and removed once imported); upload it again.");
  const info = await inspectSource(path);
  if (info.sample.length === 0) throw new ImportInputError("The file is empty.");
  const binary = binaryReason(info.sample);
  if (binary) throw new ImportInputError(binary);
  const encoding = overrides.encoding ?? sniffEncoding(info.sample).encoding;
  const text = sampleText(info, encoding);
  const delimiter = overrides.delimiter ?? detectDelimiter(text);
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data.slice(0, 60);
  if (rows.length === 0) throw new ImportInputError("The file has no rows.");
  const hasHeader = overrides.hasHeader ?? detectHeader(rows);
  const headers = hasHeader ? rows[0]!.map((h) => h.trim()) : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const columnCount = headers?.length ?? Math.max(...data.map((r) => r.length));
  const warnings: string[] = [];
  const uneven = data.filter((r) => r.length !== columnCount).length;
  if (uneven) warnings.push(`${uneven} of the first ${data.length} rows have a different number of fields than the ${hasHeader ? "header" : "first row"}; those rows will be rejected.`);
  const detected = detectKind(headers);
  const kind = overrides.kind ?? detected.kind;
  if (!kind) warnings.push(hasHeader ? "The headers match no kind of import; choose the kind and map the columns." : "The file has no header row; choose the kind and map the columns by position.");
  const suggested = kind ? ignoreRejectedRowsColumns(headers, suggestMapping(kind, headers, columnCount), warnings) : Array<string>(columnCount).fill("");
  const mapping = overrides.mapping?.length === columnCount ? overrides.mapping : suggested;
  const numericLike = data.flatMap((r) => r.filter((v) => /^-?[\d.]+,\d+$/.test(v.trim())));
  const decimalComma = overrides.decimalComma ?? (delimiter !== "," && numericLike.length > 0 && usesDecimalComma(numericLike));
  const date = pickDateFormat(data, dateColumns(kind, mapping), overrides.dateFormat, warnings);
  if (kind) warnings.push(...mappingWarnings(kind, mapping));
  return {
    isGzip: info.isGzip,
    bytesTotal: info.bytesTotal,
    encoding,
    delimiter,
    hasHeader,
    decimalComma,
    dateFormat: date.format,
    dateFormatCandidates: date.candidates,
    columns: columnNames(headers, columnCount),
    headers,
    preview: data.slice(0, PREVIEW_ROWS),
    kind,
    kindGuesses: detected.guesses,
    mapping,
    warnings,
  };
}
