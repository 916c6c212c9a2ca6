// Number cells from CSV files. This runs once per numeric cell of every imported row, so it scans char
// codes instead of using regular expressions, keeps its scan state in module variables instead of
// returning objects, and converts most values with one exact multiplication or division.
// Thousands separators are accepted only in full groups of three ("1,234,567"), so "1,5" in a
// decimal-point file is rejected rather than silently read as 15.

const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const UPPER_E = 69;
const LOWER_E = 101;

// Powers of ten that are exact doubles; m * 10^k and m / 10^k with an exact m are then correctly rounded
// (Clinger's fast path), giving the same double as Number() on the text.
const EXACT_POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT_EXPONENT = EXACT_POW10.length - 1;

// Scan registers, written by the scanners below and read straight after by parseNumber.
let mantissa = 0;
let digitCount = 0;
let exponent = 0;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 160;

/** Integer part with optional full groups of three after `group`; returns the end index or -1. */
function scanIntegerPart(s: string, i: number, end: number, group: number): number {
  const first = i;
  let groupLength = 0;
  let grouped = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - ZERO);
      digitCount++;
      groupLength++;
    } else if (c === group) {
      // A leading group such as "0,123" or "1234,567" is not a thousands grouping.
      const badLead = groupLength < 1 || groupLength > 3 || s.charCodeAt(first) === ZERO;
      if (grouped ? groupLength !== 3 : badLead) return -1;
      grouped = true;
      groupLength = 0;
    } else break;
  }
  return grouped && groupLength !== 3 ? -1 : i;
}

/** Digits after the decimal mark; returns the end index, or -1 when there are none. */
function scanFraction(s: string, i: number, end: number): number {
  const start = i;
  for (; i < end && isDigit(s.charCodeAt(i)); i++) {
    mantissa = mantissa * 10 + (s.charCodeAt(i) - ZERO);
    digitCount++;
    exponent--;
  }
  return i === start ? -1 : i;
}

/** "e", optional sign, digits; returns the end index or -1. */
function scanExponent(s: string, i: number, end: number): number {
  const sign = s.charCodeAt(i) === MINUS ? -1 : 1;
  if (s.charCodeAt(i) === MINUS || s.charCodeAt(i) === PLUS) i++;
  const start = i;
  let value = 0;
  for (; i < end && isDigit(s.charCodeAt(i)); i++) value = Math.min(value * 10 + (s.charCodeAt(i) - ZERO), 1e6);
  exponent += sign * value;
  return i === start ? -1 : i;
}

/** The slow path for long mantissas or large exponents: rewrite to JavaScript syntax and let Number() round. */
function convertText(s: string, start: number, end: number, group: number, point: number): number {
  let text = "";
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === point) text += ".";
    else if (c !== group) text += s[i];
  }
  return Number(text);
}

/** Parses an integer or decimal, trimming spaces; accepts a leading + or -, an exponent, and thousands
 * separators only in full groups of three ("1,234,567" with decimalComma=false; "1.234.567,5" with
 * decimalComma=true). Returns NaN for anything else, including currency symbols and non-finite results. */
export function parseNumber(s: string, decimalComma: boolean): number {
  let start = 0;
  let end = s.length;
  while (start < end && isBlank(s.charCodeAt(start))) start++;
  while (end > start && isBlank(s.charCodeAt(end - 1))) end--;
  const group = decimalComma ? DOT : COMMA;
  const point = decimalComma ? COMMA : DOT;
  const sign = s.charCodeAt(start);
  let i = sign === MINUS || sign === PLUS ? start + 1 : start;
  mantissa = 0;
  digitCount = 0;
  exponent = 0;
  i = scanIntegerPart(s, i, end, group);
  if (i >= 0 && i < end && s.charCodeAt(i) === point) i = scanFraction(s, i + 1, end);
  if (i < 0 || digitCount === 0) return NaN;
  if (i < end && (s.charCodeAt(i) === LOWER_E || s.charCodeAt(i) === UPPER_E)) i = scanExponent(s, i + 1, end);
  if (i !== end) return NaN;
  let value: number;
  if (mantissa <= Number.MAX_SAFE_INTEGER && exponent >= -MAX_EXACT_EXPONENT && exponent <= MAX_EXACT_EXPONENT) {
    value = exponent < 0 ? mantissa / (EXACT_POW10[-exponent] ?? 1) : mantissa * (EXACT_POW10[exponent] ?? 1);
    if (sign === MINUS) value = -value;
  } else value = convertText(s, start, end, group, point);
  return Number.isFinite(value) ? value : NaN;
}

/** As parseNumber, but NaN unless the value is a whole number within ±Number.MAX_SAFE_INTEGER. */
export function parseInteger(s: string, decimalComma: boolean): number {
  const value = parseNumber(s, decimalComma);
  // -0 would read back as "-0" in some formatters; an integer column has no use for it.
  return Number.isSafeInteger(value) ? value + 0 : NaN;
}

/** True when the value is a number in either decimal style. */
export function looksNumeric(s: string): boolean {
  return !Number.isNaN(parseNumber(s, false)) || !Number.isNaN(parseNumber(s, true));
}
