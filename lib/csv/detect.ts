// Guesses about an uploaded file made from its first bytes and rows, before the real parse: encoding,
// "is this even text", delimiter, header row and decimal style. Each guess is shown to the user, who can
// override it, so these favour a plain rule that is easy to explain over cleverness.

import { looksLikeDate } from "./dates";
import { looksNumeric, parseNumber } from "./numbers";

export type Delimiter = "," | ";" | "\t" | "|";
/** In tie-break order. */
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];
export type TextEncoding = "utf-8" | "latin1";

const SAMPLE_BYTES = 64 * 1024;
const DELIMITER_RECORDS = 30;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Checks a BOM, then UTF-8 validity of the first 64 KiB. A multi-byte sequence cut off by the end of the
 * sample is not held against the file, since the sample boundary falls anywhere. */
export function sniffEncoding(sample: Uint8Array): { encoding: TextEncoding; hasBom: boolean } {
  const hasBom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  if (hasBom) return { encoding: "utf-8", hasBom };
  return { encoding: isValidUtf8(sample, Math.min(sample.length, SAMPLE_BYTES)) ? "utf-8" : "latin1", hasBom };
}

function isValidUtf8(b: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; ) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    let need = 3;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) [need, lo, hi] = [2, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
    else if (c >= 0xf0 && c <= 0xf4) [lo, hi] = [c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= end) return true;
      const d = b[i + k] ?? 0;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

const EXCEL_OR_ZIP = "This looks like an Excel or ZIP file: save it as CSV first";
const MAGIC: readonly { bytes: readonly number[]; reason: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], reason: EXCEL_OR_ZIP },
  { bytes: [0x50, 0x4b, 0x05, 0x06], reason: EXCEL_OR_ZIP },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], reason: "This looks like an old Excel (.xls) file: save it as CSV first" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], reason: "This looks like a PDF, not a CSV file" },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], reason: "This looks like a PNG image, not a CSV file" },
  { bytes: [0xff, 0xd8, 0xff], reason: "This looks like a JPEG image, not a CSV file" },
  { bytes: [0x47, 0x49, 0x46, 0x38], reason: "This looks like a GIF image, not a CSV file" },
  // UTF-16 text is full of NULs; naming it tells the user the one setting to change.
  { bytes: [0xff, 0xfe], reason: "This file is saved as UTF-16: save it as UTF-8 CSV first" },
  { bytes: [0xfe, 0xff], reason: "This file is saved as UTF-16: save it as UTF-8 CSV first" },
];

/** A user-facing reason when the sample is not text, else null. Gzip is unwrapped before this is called. */
export function binaryReason(sample: Uint8Array): string | null {
  const magic = MAGIC.find((m) => m.bytes.every((b, i) => sample[i] === b));
  if (magic) return magic.reason;
  const end = Math.min(sample.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const c = sample[i] ?? 0;
    if (c === 0) return "This is not a text (CSV) file: it contains NUL bytes";
    if (c < 32 && c !== 9 && c !== LF && c !== CR) controls++;
  }
  // One stray control character (a form feed, an old DOS end-of-file mark) is not enough to refuse a file.
  if (controls >= 4 && controls * 100 > end) return "This is not a text (CSV) file: it contains many control characters";
  return null;
}

/** Fields per non-empty record for one delimiter, over the first records. A delimiter inside double quotes
 * does not count; a quote only opens a field at its start, as Papaparse reads it. */
function fieldCounts(text: string, delimiter: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let fieldStart = true;
  let hasContent = false;
  for (let i = 0; i < text.length && counts.length < DELIMITER_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE && text.charCodeAt(i + 1) === QUOTE) i++;
      else if (c === QUOTE) inQuotes = false;
    } else if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (hasContent) counts.push(fields);
      [fields, fieldStart, hasContent] = [1, true, false];
    } else {
      inQuotes = c === QUOTE && fieldStart;
      fieldStart = c === delimiter;
      if (fieldStart) fields++;
      hasContent = true;
    }
  }
  // The last line may be cut off by the sample boundary; it only counts when it is all there is.
  if (hasContent && counts.length === 0) counts.push(fields);
  return counts;
}

/** The most common field count (the larger on a tie) and the share of records that have it. */
function modalFieldCount(counts: readonly number[]): { fields: number; share: number } {
  const freq = new Map<number, number>();
  for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
  let best = { fields: 1, share: 0 };
  for (const [fields, n] of freq) {
    const share = n / counts.length;
    if (share > best.share || (share === best.share && fields > best.fields)) best = { fields, share };
  }
  return best;
}

/** The delimiter whose field count (>1) is the same on the largest share of the first records; on equal
 * shares the one giving more fields (so decimal commas inside ";" files lose), then , ; \t |.
 * A single-column file returns ",". */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = ",";
  let bestShare = 0;
  let bestFields = 1;
  for (const d of DELIMITERS) {
    const { fields, share } = modalFieldCount(fieldCounts(text, d.charCodeAt(0)));
    if (fields < 2) continue;
    if (share > bestShare || (share === bestShare && fields > bestFields)) [best, bestShare, bestFields] = [d, share, fields];
  }
  return best;
}

// Column names as people write them: "age", "InvoiceNo", "Annual Income (k$)", "Spending Score (1-100)".
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N} _\-.()/%$#&?']*$/u;
const isIdentifierLike = (v: string): boolean => v.length <= 64 && IDENTIFIER.test(v);
const isTyped = (v: string): boolean => looksNumeric(v) || looksLikeDate(v);

/** True when at least 80% of the non-empty values in column j pass the test. */
function columnMostly(rows: readonly (readonly string[])[], j: number, test: (v: string) => boolean): boolean {
  let seen = 0;
  let hits = 0;
  for (const row of rows) {
    const v = (row[j] ?? "").trim();
    if (v === "") continue;
    seen++;
    if (test(v)) hits++;
  }
  return seen > 0 && hits >= 0.8 * seen;
}

/** True when the first row looks like a header: every cell non-empty and neither a number nor a date, and
 * either some column is numbers/dates below a text first cell, or the first row is distinct
 * identifier-like names above values that are not. A lone row counts as a header when it is all names. */
export function detectHeader(rows: readonly (readonly string[])[]): boolean {
  const data = rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  const cells = (data[0] ?? []).map((cell) => cell.trim());
  if (cells.length === 0 || cells.some((cell) => cell === "" || isTyped(cell))) return false;
  const later = data.slice(1);
  const allNames = new Set(cells).size === cells.length && cells.every(isIdentifierLike);
  if (later.length === 0) return allNames;
  if (cells.some((_, j) => columnMostly(later, j, isTyped))) return true;
  return allNames && cells.some((_, j) => columnMostly(later, j, (v) => !isIdentifierLike(v)));
}

/** True when the values of one column read as decimal-comma numbers ("1.234,56", "3,5") more often than as
 * decimal-point ones. Values that read both ways ("1,234", "12") are no evidence either way. */
export function usesDecimalComma(values: readonly string[]): boolean {
  let comma = 0;
  let point = 0;
  for (const v of values) {
    const asPoint = !Number.isNaN(parseNumber(v, false));
    const asComma = !Number.isNaN(parseNumber(v, true));
    if (asComma && !asPoint) comma++;
    else if (asPoint && !asComma) point++;
  }
  return comma > point;
}
