// Turns one CSV record (strings) into typed field values, or into the list of reasons it was refused.
// The per-row check is a zod object built once per import from the mapping, so every row goes through the
// same schema; the value parsers are our own (numbers.ts, dates.ts) because they must be fast and follow
// the file's decimal and date conventions.
import { z } from "zod";
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

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

function fieldSchema(field: FieldSpec, options: ParseOptions) {
  const dateLabel = DATE_FORMATS.find((d) => d.id === options.dateFormat)?.example ?? options.dateFormat;
  return z.string().transform((raw, ctx): FieldValue => {
    const s = cellText(raw);
    if (s === "") return field.required ? fail(ctx, "is empty; a value is required") : null;
    if (s.length > MAX_FIELD_CHARS) return fail(ctx, `is ${s.length.toLocaleString("en-GB")} characters long; the limit is ${MAX_FIELD_CHARS.toLocaleString("en-GB")}`);
    switch (field.type) {
      case "id":
        return s.length > 200 ? fail(ctx, `${quoted(s)} is longer than 200 characters, too long for an id`) : s;
      case "text":
        return s;
      case "email":
        return EMAIL.test(s) ? s.toLowerCase() : fail(ctx, `${quoted(s)} is not an email address`);
      case "boolean": {
        const l = s.toLowerCase();
        return TRUE.has(l) ? true : FALSE.has(l) ? false : fail(ctx, `${quoted(s)} is not yes/no, true/false or 1/0`);
      }
      case "date": {
        const ms = parseDate(s, options.dateFormat);
        return Number.isNaN(ms) ? fail(ctx, `${quoted(s)} is not a date like ${dateLabel}`) : ms;
      }
      case "integer":
      case "number": {
        const n = field.type === "integer" ? parseInteger(s, options.decimalComma) : parseNumber(s, options.decimalComma);
        if (Number.isNaN(n)) return fail(ctx, `${quoted(s)} is not ${field.type === "integer" ? "a whole number" : "a number"}`);
        if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
          return fail(ctx, `${s} is outside the allowed range ${field.min ?? "−∞"} to ${field.max ?? "∞"}`);
        }
        return n;
      }
    }
  });
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
  const schema = z.object(Object.fromEntries(mapped.map((fld) => [fld.name, fieldSchema(fld, options)])));
  const columnOf = (field: string | undefined) => (field && fieldColumn.has(field) ? columns[fieldColumn.get(field)!]! : null);

  return {
    columns,
    read(cells) {
      if (cells.length !== mapping.length) {
        return { ok: false, issues: [{ column: null, reason: `has ${cells.length} fields; the file's rows have ${mapping.length}` }] };
      }
      const input: Record<string, string> = {};
      for (const fld of mapped) input[fld.name] = cells[fieldColumn.get(fld.name)!]!;
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return { ok: false, issues: parsed.error.issues.map((i) => ({ column: columnOf(String(i.path[0])), reason: i.message })) };
      }
      const fields = parsed.data as Record<string, FieldValue>;
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
