// Turns one CSV record (strings) into typed field values, or into the list of reasons it was refused.
// Each mapped field gets its parser once per import, chosen from its type and the file's decimal and date
// conventions (numbers.ts, dates.ts), and every row runs the same list. This is the import's hottest loop
// (every cell of millions of rows): a zod object parse per row cost Online Retail ~0.7 s of its ~8, so the
// check is specialised by hand here instead; zod still validates everything read back from storage.
import { DATE_FORMATS, type DateFormat, parseDate } from "./dates";
import { ATTRIBUTE_PREFIX, columnNames, type Mapping } from "./header-match";
import { type FieldSpec, type ImportKind, kindSpec } from "./kinds";
import { parseInteger, parseNumber } from "./numbers";
import { applyKindRules } from "./row-rules";
import { unneutraliseCell } from "./csv-export";

export const MAX_FIELD_CHARS = 10_000;

/** A cell's text: trimmed, and without the quote our own export put before a formula (trimmed again, as it may hide a tab). */
function cellText(raw: string): string {
  const s = raw.trim();
  return s.charCodeAt(0) === 39 ? unneutraliseCell(s).trim() : s;
}

export interface ParseOptions {
  decimalComma: boolean;
  dateFormat: DateFormat;
  /** Event type given to rows of an events file that has no type column. */
  eventType?: string;
}

export type FieldValue = string | number | boolean | null;
export interface ParsedRow {
  fields: Record<string, FieldValue>;
  attributes: Record<string, string | number> | null;
}
export interface RowIssue {
  column: string | null;
  reason: string;
}
export type RowResult = { ok: true; row: ParsedRow } | { ok: false; issues: RowIssue[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE = new Set(["1", "true", "yes", "y", "t", "active"]);
const FALSE = new Set(["0", "false", "no", "n", "f", "inactive"]);

function quoted(s: string): string {
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

/** A cell a parser refused, with the reason (allocated only for bad cells). */
class Refusal {
  constructor(readonly reason: string) {}
}

type CellParser = (s: string) => FieldValue | Refusal;

/** The parser of a non-empty, trimmed cell of one field type. */
function typeParser(field: FieldSpec, options: ParseOptions): CellParser {
  switch (field.type) {
    case "id":
      return (s) => (s.length > 200 ? new Refusal(`${quoted(s)} is longer than 200 characters, too long for an id`) : s);
    case "text":
      return (s) => s;
    case "email":
      return (s) => (EMAIL.test(s) ? s.toLowerCase() : new Refusal(`${quoted(s)} is not an email address`));
    case "boolean":
      return (s) => {
        const l = s.toLowerCase();
        return TRUE.has(l) ? true : FALSE.has(l) ? false : new Refusal(`${quoted(s)} is not yes/no, true/false or 1/0`);
      };
    case "date": {
      const label = DATE_FORMATS.find((d) => d.id === options.dateFormat)?.example ?? options.dateFormat;
      const format = options.dateFormat;
      return (s) => {
        const ms = parseDate(s, format);
        return Number.isNaN(ms) ? new Refusal(`${quoted(s)} is not a date like ${label}`) : ms;
      };
    }
    case "integer":
    case "number": {
      const integer = field.type === "integer";
      const { decimalComma } = options;
      const { min, max } = field;
      return (s) => {
        const n = integer ? parseInteger(s, decimalComma) : parseNumber(s, decimalComma);
        if (Number.isNaN(n)) return new Refusal(`${quoted(s)} is not ${integer ? "a whole number" : "a number"}`);
        if ((min !== undefined && n < min) || (max !== undefined && n > max)) return new Refusal(`${s} is outside the allowed range ${min ?? "−∞"} to ${max ?? "∞"}`);
        return n;
      };
    }
  }
}

/** One field's whole check: empty and length first, then its type. */
function fieldParser(field: FieldSpec, options: ParseOptions): CellParser {
  const parse = typeParser(field, options);
  const required = field.required;
  return (raw) => {
    const s = cellText(raw);
    if (s === "") return required ? new Refusal("is empty; a value is required") : null;
    if (s.length > MAX_FIELD_CHARS) return new Refusal(`is ${s.length.toLocaleString("en-GB")} characters long; the limit is ${MAX_FIELD_CHARS.toLocaleString("en-GB")}`);
    return parse(s);
  };
}

export interface RowReader {
  /** Column names as shown to people: headers, or "column N". */
  columns: readonly string[];
  read(cells: readonly string[]): RowResult;
}

export function createRowReader(kind: ImportKind, mapping: Mapping, headers: readonly string[] | null, options: ParseOptions): RowReader {
  const spec = kindSpec(kind);
  const columns = columnNames(headers, mapping.length);
  const fieldColumn = new Map<string, number>();
  const attributeColumns: [string, number][] = [];
  mapping.forEach((t, i) => {
    if (t.startsWith(ATTRIBUTE_PREFIX)) attributeColumns.push([t.slice(ATTRIBUTE_PREFIX.length), i]);
    else if (t) fieldColumn.set(t, i);
  });
  const mapped = spec.fields.filter((fld) => fieldColumn.has(fld.name));
  const names = mapped.map((fld) => fld.name);
  const at = mapped.map((fld) => fieldColumn.get(fld.name)!);
  const parsers = mapped.map((fld) => fieldParser(fld, options));
  const columnOf = (field: string | undefined) => (field && fieldColumn.has(field) ? columns[fieldColumn.get(field)!]! : null);

  return {
    columns,
    read(cells) {
      if (cells.length !== mapping.length) {
        return { ok: false, issues: [{ column: null, reason: `has ${cells.length} fields; the file's rows have ${mapping.length}` }] };
      }
      const fields: Record<string, FieldValue> = {};
      let issues: RowIssue[] | null = null;
      for (let f = 0; f < parsers.length; f++) {
        const v = parsers[f]!(cells[at[f]!]!);
        if (v instanceof Refusal) (issues ??= []).push({ column: columnOf(names[f]), reason: v.reason });
        else fields[names[f]!] = v;
      }
      if (issues) return { ok: false, issues };
      const ruleIssue = applyKindRules(kind, fields, fieldColumn, options);
      if (ruleIssue) return { ok: false, issues: [{ column: columnOf(ruleIssue.field), reason: ruleIssue.reason }] };
      return { ok: true, row: { fields, attributes: readAttributes(attributeColumns, cells, options) } };
    },
  };
}

function readAttributes(columns: readonly [string, number][], cells: readonly string[], options: ParseOptions): Record<string, string | number> | null {
  if (columns.length === 0) return null;
  const out: Record<string, string | number> = {};
  for (const [name, i] of columns) {
    const s = cellText(cells[i]!);
    if (s === "") continue;
    const n = parseNumber(s, options.decimalComma);
    // Numbers stay numbers so rule segments can compare them ("balance > 1000"); ids with leading
    // zeros ("007") stay text so nothing is lost.
    out[name] = Number.isNaN(n) || /^0\d/.test(s) ? s.slice(0, MAX_FIELD_CHARS) : n;
  }
  return out;
}
