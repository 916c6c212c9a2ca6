// Guesses about an uploaded file made from its first 64 KiB, before the real parse: encoding, "is this even
// text", delimiter, header row and decimal style. Each guess is shown to the user, who can override it, so
// these favour a plain rule that is easy to explain over cleverness. They weigh every value in the sample
// that reads, not the first rows alone, and say how sure they are, so the page can say when to check.

import { looksLikeDate } from "./dates";
import { looksNumeric, parseNumber } from "./numbers";

export type Delimiter = "," | ";" | "\t" | "|";
/** In tie-break order. */
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];
export type TextEncoding = "utf-8" | "latin1";

const SAMPLE_BYTES = 64 * 1024;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface EncodingGuess {
  encoding: TextEncoding;
  hasBom: boolean;
  /** Characters of two to four bytes that are valid UTF-8: the evidence for UTF-8. */
  utf8Chars: number;
  /** Bytes that are not part of valid UTF-8 (each reads as a letter in Latin-1): the evidence for Latin-1. */
  invalidBytes: number;
  /** Offset in the sample of the first of those bytes, or -1. */
  firstInvalidAt: number;
  /** False when the sample shows no evidence (plain ASCII, no BOM) or evidence both ways. */
  isSure: boolean;
}

/**
 * A BOM means UTF-8. Otherwise the first 64 KiB are weighed: UTF-8 when valid multi-byte characters
 * outnumber the bytes that are not UTF-8, so a few stray Latin-1 bytes, even at the top of the file, do
 * not turn a UTF-8 file into Latin-1; Latin-1 otherwise (on a tie too, as every byte reads in Latin-1).
 * Plain ASCII is no evidence either way and reads as UTF-8. A multi-byte character cut off by the end of
 * the sample is not held against the file, since the sample boundary falls anywhere.
 */
export function sniffEncoding(sample: Uint8Array): EncodingGuess {
  const hasBom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const { valid, invalid, firstInvalidAt } = countUtf8(sample, hasBom ? 3 : 0, Math.min(sample.length, SAMPLE_BYTES));
  // One byte that is not UTF-8 makes it Latin-1, as the import's reader decides (openTextStream): a
  // preview read one way and an import read the other would show the person what is not stored.
  const encoding = hasBom || invalid === 0 ? "utf-8" : "latin1";
  // Plain ASCII is no doubt worth a warning: it reads the same both ways, and the reader reads on as
  // Latin-1 from a first byte further on that is not UTF-8, and says so.
  const isSure = hasBom || valid === 0 || invalid === 0;
  return { encoding, hasBom, utf8Chars: valid, invalidBytes: invalid, firstInvalidAt, isSure };
}

/** The length (2..4) of the valid UTF-8 character at b[i]; 0 when b[i] cannot start one; -k when it can
 * but b[i + k] does not continue it, so k bytes are invalid; null when `end` cuts it off. */
function utf8Length(b: Uint8Array, i: number, end: number): number | null {
  const c = b[i] ?? 0;
  // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  let need = 3;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) [need, lo, hi] = [2, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
  else if (c >= 0xf0 && c <= 0xf4) [lo, hi] = [c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
  else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return null;
    const d = b[i + k] ?? 0;
    if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return -k;
  }
  return need + 1;
}

/** Valid multi-byte characters and invalid bytes in b[start..end). An invalid run is skipped as a decoder
 * replaces it (the lead byte and the continuation bytes that still fitted), so each byte counts once. */
function countUtf8(b: Uint8Array, start: number, end: number): { valid: number; invalid: number; firstInvalidAt: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalidAt = -1;
  for (let i = start; i < end; ) {
    if ((b[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    const length = utf8Length(b, i, end);
    if (length === null) break;
    if (length > 0) {
      valid++;
      i += length;
      continue;
    }
    const bad = length === 0 ? 1 : -length;
    if (firstInvalidAt < 0) firstInvalidAt = i;
    invalid += bad;
    i += bad;
  }
  return { valid, invalid, firstInvalidAt };
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

/** Fields per non-empty record for one delimiter, over every record of the text up to its 65,536th character
 * (callers pass the 64 KiB sample). A delimiter inside double quotes does not count; a quote only opens a
 * field at its start, as Papaparse reads it. */
function fieldCounts(text: string, delimiter: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let fieldStart = true;
  let hasContent = false;
  const end = Math.min(text.length, SAMPLE_BYTES);
  for (let i = 0; i < end; i++) {
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

/** The most common field count (the larger on a tie) and how many records have it. */
function modalFieldCount(counts: readonly number[]): { fields: number; fits: number } {
  const freq = new Map<number, number>();
  for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
  let best = { fields: 1, fits: 0 };
  for (const [fields, fits] of freq) {
    if (fits > best.fits || (fits === best.fits && fields > best.fields)) best = { fields, fits };
  }
  return best;
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** The field count most records have with it; 1 when no delimiter splits the rows. */
  fields: number;
  /** How many of the `of` non-empty records have that field count. */
  fits: number;
  of: number;
  /** The best of the other delimiters that split the rows, or null when none does. */
  runnerUp: { delimiter: Delimiter; fields: number; fits: number } | null;
  /** False when fewer than 90% of the records fit, or the runner-up fits as many (a tie broken by rule). */
  isSure: boolean;
}

// Below this share of records with the modal field count, more than one row in ten would be refused: the
// delimiter is then as likely wrong as the file is broken, and the person should look at the columns.
const SURE_SHARE = 0.9;

/**
 * The delimiter under which the most records of the text (up to 64 KiB) have the same field count (>1),
 * so a preamble or broken rows at the top of a file do not decide it; on equal counts the one giving more
 * fields (so decimal commas inside ";" files lose), then , ; \t |. A single-column file returns ",".
 */
export function detectDelimiterWithConfidence(text: string): DelimiterGuess {
  const all = DELIMITERS.map((delimiter) => {
    const counts = fieldCounts(text, delimiter.charCodeAt(0));
    return { delimiter, of: counts.length, ...modalFieldCount(counts) };
  });
  // Array.prototype.sort is stable, so equal candidates stay in DELIMITERS order.
  const [best, second] = all.filter((c) => c.fields >= 2).sort((a, b) => b.fits - a.fits || b.fields - a.fields);
  if (!best) {
    const { fits, of } = all[0]!;
    return { delimiter: ",", fields: 1, fits, of, runnerUp: null, isSure: fits >= SURE_SHARE * of };
  }
  const runnerUp = second ? { delimiter: second.delimiter, fields: second.fields, fits: second.fits } : null;
  const isSure = best.fits >= SURE_SHARE * best.of && (runnerUp === null || runnerUp.fits < best.fits);
  return { delimiter: best.delimiter, fields: best.fields, fits: best.fits, of: best.of, runnerUp, isSure };
}

/** detectDelimiterWithConfidence's choice, for callers that do not tell the person how sure it is. */
export function detectDelimiter(text: string): Delimiter {
  return detectDelimiterWithConfidence(text).delimiter;
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

export interface DecimalGuess {
  decimalComma: boolean;
  /** Values that read only with a decimal comma ("3,5", "1.234,56"), and only with a decimal point ("3.5", "1,234.56"). */
  comma: number;
  point: number;
  /** Values that read both ways as different numbers ("1,234" is 1234 or 1.234): no evidence, but the choice changes them. */
  differing: number;
  /** The first value of each of those kinds, for telling the person; null when there is none. */
  examples: { comma: string | null; point: string | null; differing: string | null };
  /** False when both styles are seen, or when nothing tells them apart but the choice changes some values. */
  isSure: boolean;
}

function decimalEvidence(v: string): "comma" | "point" | "differing" | null {
  const asPoint = parseNumber(v, false);
  const asComma = parseNumber(v, true);
  if (Number.isNaN(asPoint)) return Number.isNaN(asComma) ? null : "comma";
  if (Number.isNaN(asComma)) return "point";
  return asPoint === asComma ? null : "differing";
}

/**
 * Decimal comma when more values read only as decimal-comma numbers than only as decimal-point ones.
 * Only values that parse count, so "n/a", "–" or "12 EUR", wherever they are, change nothing, and values
 * that read the same both ways ("12") or differently ("1,234") are no evidence either way.
 */
export function detectDecimalMark(values: readonly string[]): DecimalGuess {
  const counts = { comma: 0, point: 0, differing: 0 };
  const examples: DecimalGuess["examples"] = { comma: null, point: null, differing: null };
  for (const v of values) {
    const kind = decimalEvidence(v);
    if (kind === null) continue;
    counts[kind]++;
    examples[kind] ??= v.trim();
  }
  const { comma, point, differing } = counts;
  const bothStyles = comma > 0 && point > 0;
  const undecided = comma === 0 && point === 0 && differing > 0;
  return { decimalComma: comma > point, comma, point, differing, examples, isSure: !bothStyles && !undecided };
}

/** detectDecimalMark's choice for the values of one column. */
export function usesDecimalComma(values: readonly string[]): boolean {
  return detectDecimalMark(values).decimalComma;
}
