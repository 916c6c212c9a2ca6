// Writing CSV the app hands to people (rejected rows, segment exports). Spreadsheet programs run a cell that
// starts with =, +, - or @ as a formula ("CSV injection"), so text cells that do are prefixed with a quote,
// the spreadsheets' own mark for "this is text". Numbers are left alone, whether they arrive as numbers or
// as the text a file held ("-1", "-2,55" in a refused row): a sign before digits is no formula, and a
// refused-rows file must import again once fixed.

const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number as files write it: digits with . or , as marks, an optional exponent. Nothing a spreadsheet would run. */
const SIGNED_NUMBER = /^[+-]?(?=[.,]?\d)[\d.,]*(?:[eE][+-]?\d+)?$/;
/** Our own prefix: a quote before what would otherwise start a formula. */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The text a neutralised cell stood for: a leading quote before =, +, -, @, tab or return is dropped, as a
 * spreadsheet reads it, so a refused-rows file imports the cells as they first were.
 */
export function unneutraliseCell(value: string): string {
  // Called on every imported cell: most do not start with a quote (39).
  return value.charCodeAt(0) === 39 && NEUTRALISED.test(value) ? value.slice(1) : value;
}

function quote(value: string, delimiter: string): string {
  return value.includes('"') || value.includes(delimiter) || value.includes("\n") || value.includes("\r") ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no newline) with formula-safe text cells. */
export function toCsvLine(values: readonly (string | number | null | undefined)[], delimiter = ","): string {
  return values
    .map((v) => (v === null || v === undefined ? "" : typeof v === "number" ? String(v) : quote(neutraliseCell(v), delimiter)))
    .join(delimiter);
}
