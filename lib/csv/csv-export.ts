// Writing CSV the app hands to people (rejected rows, segment exports). Spreadsheet programs run a cell that
// starts with =, +, - or @ as a formula ("CSV injection"), so text cells that do are prefixed with a quote;
// numbers are written as numbers and left alone.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
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
