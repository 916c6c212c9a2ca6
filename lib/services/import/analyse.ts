// What the import page shows after a file arrives: how the file is written (encoding, delimiter, header,
// decimal comma, date format), which kind it looks like, a suggested mapping and the first rows. A guess the
// sample leaves in doubt comes with a warning naming the choice; a setting the person pinned gets none.
import { existsSync } from "node:fs";
import Papa from "papaparse";
import { DATE_FORMATS, detectDateFormat, parseDate, type DateFormat } from "../../csv/dates";
import { binaryReason, type Delimiter, detectDecimalMark, detectDelimiterWithConfidence, detectHeader, sniffEncoding, type TextEncoding } from "../../csv/detect";
import { columnNames, detectKind, type KindGuess, type Mapping, suggestMapping } from "../../csv/header-match";
import { fieldSpec, type ImportKind } from "../../csv/kinds";
import { parseNumber } from "../../csv/numbers";
import { inspectSource, sampleText, type SourceInfo } from "./source";
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

const count = (n: number, one: string): string => `${n.toLocaleString("en-GB")} ${n === 1 ? one : `${one}s`}`;
const ENCODING_NAMES: Record<TextEncoding, string> = { "utf-8": "UTF-8", latin1: "Latin-1" };
const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "a comma", ";": "a semicolon", "\t": "a tab", "|": "a pipe (|)" };

/** The encoding pinned or sniffed; when the sample shows no evidence, or evidence both ways, the person is
 * told which was chosen and why. */
function pickEncoding(info: SourceInfo, pinned: TextEncoding | undefined, warnings: string[]): TextEncoding {
  if (pinned) return pinned;
  const found = sniffEncoding(info.sample);
  if (found.isSure) return found.encoding;
  // Evidence both ways: UTF-8 letters and bytes that are not UTF-8 (Latin-1 text pasted into a UTF-8 file).
  const sample = info.sampleIsWhole ? "the file" : `the first ${Math.round(info.sample.length / 1024)} KiB`;
  const invalid = `${count(found.invalidBytes, "byte")} ${found.invalidBytes === 1 ? "does" : "do"} not (the first at byte ${found.firstInvalidAt.toLocaleString("en-GB")})`;
  warnings.push(`In ${sample}, ${count(found.utf8Chars, "character")} read as UTF-8 but ${invalid}, so the file is read as ${ENCODING_NAMES[found.encoding]}, in which the UTF-8 letters look wrong (é as Ã©): save the file as UTF-8 throughout and import it again, or pick UTF-8 if the preview reads right with it.`);
  return found.encoding;
}

/** The delimiter pinned or detected over the whole sample; when unsure, the person is told the choice and its numbers. */
function pickDelimiter(text: string, whole: boolean, pinned: Delimiter | undefined, warnings: string[]): Delimiter {
  if (pinned) return pinned;
  const found = detectDelimiterWithConfidence(text);
  if (found.isSure) return found.delimiter;
  const has = (n: number) => (n === 1 ? "has" : "have");
  const rows = `${found.fits.toLocaleString("en-GB")} of the ${whole ? "" : "first "}${count(found.of, "row")} ${has(found.fits)} ${count(found.fields, "field")}`;
  const r = found.runnerUp;
  const other = r ? ` (with ${DELIMITER_NAMES[r.delimiter]}, ${count(r.fits, "row")} ${has(r.fits)} ${count(r.fields, "field")})` : "";
  warnings.push(`The delimiter looks like ${DELIMITER_NAMES[found.delimiter]}: ${rows} with it${other}; pick another delimiter if the columns look wrong.`);
  return found.delimiter;
}

/** Decimal comma or point, pinned or from every value of the sample rows that reads; when unsure, the person is
 * told the choice. A comma-delimited file cannot hold an unquoted decimal comma, so its numbers take a point. */
function pickDecimalComma(rows: readonly string[][], delimiter: Delimiter, whole: boolean, pinned: boolean | undefined, warnings: string[]): boolean {
  if (pinned !== undefined) return pinned;
  if (delimiter === ",") return false;
  const found = detectDecimalMark(rows.flat());
  if (found.isSure) return found.decimalComma;
  const where = whole ? "the file" : `the first ${count(rows.length, "row")}`;
  const { comma, point, differing } = found.examples;
  const [chosen, other] = found.decimalComma ? ["decimal comma", "decimal point"] : ["decimal point", "decimal comma"];
  if (found.comma > 0) {
    const styles = `${count(found.comma, "number")} read only with a decimal comma, such as "${comma}", and ${found.point.toLocaleString("en-GB")} only with a decimal point, such as "${point}"`;
    warnings.push(`In ${where}, ${styles}: the ${chosen} is chosen; the others will not read as numbers unless you pick the ${other} or fix them.`);
  } else {
    const readings = `${parseNumber(differing!, false)} with a decimal point, ${parseNumber(differing!, true)} with a decimal comma`;
    warnings.push(`No number in ${where} tells a decimal comma from a decimal point, and some read differently with each, such as "${differing}" (${readings}): the decimal point is chosen; pick the decimal comma if the file uses it.`);
  }
  return found.decimalComma;
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
  const warnings: string[] = [];
  const encoding = pickEncoding(info, overrides.encoding, warnings);
  const text = sampleText(info, encoding);
  const delimiter = pickDelimiter(text, info.sampleIsWhole, overrides.delimiter, warnings);
  const sampleRows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data;
  const rows = sampleRows.slice(0, 60);
  if (rows.length === 0) throw new ImportInputError("The file has no rows.");
  const hasHeader = overrides.hasHeader ?? detectHeader(rows);
  const headers = hasHeader ? rows[0]!.map((h) => h.trim()) : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const columnCount = headers?.length ?? Math.max(...data.map((r) => r.length));
  const uneven = data.filter((r) => r.length !== columnCount).length;
  if (uneven) warnings.push(`${uneven} of the first ${data.length} rows have a different number of fields than the ${hasHeader ? "header" : "first row"}; those rows will be rejected.`);
  const detected = detectKind(headers);
  const kind = overrides.kind ?? detected.kind;
  if (!kind) warnings.push(hasHeader ? "The headers match no kind of import; choose the kind and map the columns." : "The file has no header row; choose the kind and map the columns by position.");
  const suggested = kind ? ignoreRejectedRowsColumns(headers, suggestMapping(kind, headers, columnCount), warnings) : Array<string>(columnCount).fill("");
  const mapping = overrides.mapping?.length === columnCount ? overrides.mapping : suggested;
  const decimalComma = pickDecimalComma(hasHeader ? sampleRows.slice(1) : sampleRows, delimiter, info.sampleIsWhole, overrides.decimalComma, warnings);
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
