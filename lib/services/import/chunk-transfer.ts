// Prepared chunks as they cross from the reading thread to the writing one (read-prepared.ts). Posting row
// objects made the writer spend ~1.3 s of Online Retail's import rebuilding them (measured, issue 11): here
// each field travels as one column, and the row objects are rebuilt with a simple loop. Text columns go as
// codes into a dictionary of the chunk's distinct values (an invoice's lines repeat their order, customer
// and time), so far fewer strings are copied and equal values arrive as one shared string; numbers go as a
// Float64Array (NaN for empty: a parsed number is never NaN) whose buffer is handed over, not copied, as
// are the dedupe keys.
import type { FieldValue } from "../../csv/row-schema";
import type { ImportedRow } from "../../db/import-writers";
import type { PreparedChunk } from "./prepare-rows";

/** One field's values in row order; null where a row lacks the field. */
export type EncodedColumn = { kind: "text"; dictionary: string[]; codes: Int32Array } | { kind: "number"; values: Float64Array } | { kind: "any"; values: FieldValue[] };

const NULL_CODE = -1;

export interface EncodedChunk {
  lines: Float64Array;
  /** Every field name any row has, and per name its column. */
  names: string[];
  columns: EncodedColumn[];
  /** null when no row has attributes. */
  attributes: (Record<string, string | number> | null)[] | null;
  keys: BigInt64Array | null;
  /** The stored times, a text column. */
  at: EncodedColumn | null;
  rejected: PreparedChunk["rejected"];
  rowsRead: number;
  blankLines: number;
  headers: string[] | null;
}

function encodeColumn(values: readonly FieldValue[], transfer: ArrayBuffer[]): EncodedColumn {
  let texts = 0;
  let numbers = 0;
  for (const v of values) {
    if (typeof v === "string") texts++;
    else if (typeof v === "number") numbers++;
    else if (v !== null) return { kind: "any", values: [...values] };
  }
  if (texts > 0 && numbers > 0) return { kind: "any", values: [...values] };
  if (numbers > 0) {
    const out = Float64Array.from(values, (v) => (v === null ? NaN : (v as number)));
    transfer.push(out.buffer as ArrayBuffer);
    return { kind: "number", values: out };
  }
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  let last: FieldValue = null;
  let lastCode = NULL_CODE;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) codes[i] = NULL_CODE;
    else if (v === last) codes[i] = lastCode;
    else {
      let code = index.get(v as string);
      if (code === undefined) {
        index.set(v as string, (code = dictionary.length));
        dictionary.push(v as string);
      }
      codes[i] = lastCode = code;
      last = v;
    }
  }
  transfer.push(codes.buffer as ArrayBuffer);
  return { kind: "text", dictionary, codes };
}

function decodedColumn(c: EncodedColumn): (i: number) => FieldValue {
  switch (c.kind) {
    case "text":
      return (i) => {
        const code = c.codes[i]!;
        return code === NULL_CODE ? null : c.dictionary[code]!;
      };
    case "number":
      return (i) => {
        const v = c.values[i]!;
        return Number.isNaN(v) ? null : v;
      };
    case "any":
      return (i) => c.values[i]!;
  }
}

export function encodeChunk(c: PreparedChunk): { chunk: EncodedChunk; transfer: ArrayBuffer[] } {
  const n = c.rows.length;
  const names: string[] = [];
  const index = new Map<string, number>();
  const values: FieldValue[][] = [];
  const lines = new Float64Array(n);
  let attributes: (Record<string, string | number> | null)[] | null = null;
  const keyed = n > 0 && c.rows[0]!.key !== undefined;
  const keys = keyed ? new BigInt64Array(n) : null;
  const at = keyed ? new Array<string | null>(n) : null;
  for (let i = 0; i < n; i++) {
    const r = c.rows[i]!;
    lines[i] = r.line;
    for (const name in r.row.fields) {
      let j = index.get(name);
      if (j === undefined) {
        index.set(name, (j = names.length));
        names.push(name);
        values.push(new Array<FieldValue>(n).fill(null));
      }
      values[j]![i] = r.row.fields[name] ?? null;
    }
    if (r.row.attributes !== null) (attributes ??= new Array(n).fill(null))[i] = r.row.attributes;
    if (keys) {
      keys[i] = r.key!;
      at![i] = r.at ?? null;
    }
  }
  const transfer: ArrayBuffer[] = [lines.buffer as ArrayBuffer, ...(keys ? [keys.buffer as ArrayBuffer] : [])];
  const columns = values.map((v) => encodeColumn(v, transfer));
  const chunk: EncodedChunk = { lines, names, columns, attributes, keys, at: at ? encodeColumn(at, transfer) : null, rejected: c.rejected, rowsRead: c.rowsRead, blankLines: c.blankLines, headers: c.columns };
  return { chunk, transfer };
}

export function decodeChunk(e: EncodedChunk): PreparedChunk {
  const n = e.lines.length;
  const rows = new Array<ImportedRow>(n);
  const width = e.names.length;
  const columns = e.columns.map(decodedColumn);
  const at = e.at ? decodedColumn(e.at) : null;
  for (let i = 0; i < n; i++) {
    const fields: Record<string, FieldValue> = {};
    for (let j = 0; j < width; j++) fields[e.names[j]!] = columns[j]!(i);
    const row = { fields, attributes: e.attributes ? e.attributes[i]! : null };
    rows[i] = e.keys ? { line: e.lines[i]!, row, key: e.keys[i]!, at: (at!(i) as string | null) ?? undefined } : { line: e.lines[i]!, row };
  }
  return { rows, rejected: e.rejected, rowsRead: e.rowsRead, blankLines: e.blankLines, columns: e.headers };
}
