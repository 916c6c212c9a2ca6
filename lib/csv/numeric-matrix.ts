// A CSV of numbers as a matrix, for clustering any file from the command line. Pure: it takes the text.
import Papa from "papaparse";
// Its refusals are lib/ml's own RangeError: this is lib/ml's input, and callers tell them from V8's that way.
import { MlRangeError } from "../ml/errors";
import { matrix, type Matrix } from "../ml/matrix";
import { detectDelimiter, detectHeader } from "./detect";
import { columnNames, normaliseHeader } from "./header-match";
import { looksNumeric, parseNumber } from "./numbers";

export interface NumericTable {
  matrix: Matrix;
  columns: string[];
}

/**
 * Picks the named columns (by header, ignoring case and spacing; or "column N"), or every column whose
 * first rows are all numbers, and reads them as numbers. A cell that is not a number is an error naming
 * its line and column: clustering must not silently skip customers.
 */
export function readNumericMatrix(text: string, wanted?: readonly string[]): NumericTable {
  const delimiter = detectDelimiter(text.slice(0, 64 * 1024));
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data;
  if (rows.length === 0) throw new MlRangeError("the file has no rows");
  const hasHeader = detectHeader(rows.slice(0, 50));
  const names = columnNames(hasHeader ? rows[0]! : null, rows[0]!.length);
  const data = hasHeader ? rows.slice(1) : rows;
  const first = (hasHeader ? 2 : 1);
  const picked = wanted?.length
    ? wanted.map((w) => {
        const i = names.findIndex((n) => normaliseHeader(n) === normaliseHeader(w));
        if (i < 0) throw new MlRangeError(`no column "${w}" (columns: ${names.join(", ")})`);
        return i;
      })
    : names.flatMap((_, i) => (data.slice(0, 50).every((r) => looksNumeric((r[i] ?? "").trim())) ? [i] : []));
  if (picked.length === 0) throw new MlRangeError(`no numeric columns found (columns: ${names.join(", ")}); name them with --columns`);
  const m = matrix(data.length, picked.length);
  data.forEach((r, i) => {
    picked.forEach((c, j) => {
      const v = parseNumber(r[c] ?? "", false);
      if (Number.isNaN(v)) throw new MlRangeError(`line ${i + first}, column "${names[c]}": "${r[c] ?? ""}" is not a number`);
      m.data[i * picked.length + j] = v;
    });
  });
  return { matrix: m, columns: picked.map((c) => names[c]!) };
}
