// Matching CSV columns to fields: automatic suggestions from header names, kind detection, and the
// checks a mapping must pass before an import starts.
import { ALL_KIND_SPECS, type ImportKind, kindSpec } from "./kinds";

/**
 * What one column feeds: a field name of the kind, "attr:<name>" to keep it as an extra attribute
 * (customers and products), or "" to ignore it. A mapping is one target per column, in column order.
 */
export type ColumnTarget = string;
export type Mapping = ColumnTarget[];

export const ATTRIBUTE_PREFIX = "attr:";

/** "Customer_ID", "customerId", " customer id " all become "customerid". */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The names columns go by: their header, or "column 1", "column 2", … when the file has none. */
export function columnNames(headers: readonly string[] | null, columnCount: number): string[] {
  return Array.from({ length: columnCount }, (_, i) => {
    const h = headers?.[i]?.trim();
    return h ? h : `column ${i + 1}`;
  });
}

function attributeKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").slice(0, 100);
}

/** Suggests a target for every column: the first column whose header is a synonym of a field wins it. */
export function suggestMapping(kind: ImportKind, headers: readonly string[] | null, columnCount: number): Mapping {
  const spec = kindSpec(kind);
  const names = columnNames(headers, columnCount);
  const normalised = headers ? names.map(normaliseHeader) : names.map(() => "");
  const targets: Mapping = names.map(() => "");
  const taken = new Set<number>();
  for (const field of spec.fields) {
    const wanted = [field.name, field.label, ...field.synonyms].map(normaliseHeader);
    // Earlier synonyms are stronger: "invoice date" beats "date" for a file that has both.
    for (const synonym of wanted) {
      const col = normalised.findIndex((n, i) => n !== "" && n === synonym && !taken.has(i));
      if (col >= 0) {
        targets[col] = field.name;
        taken.add(col);
        break;
      }
    }
  }
  if (spec.keepsAttributes) names.forEach((n, i) => (targets[i] ||= ATTRIBUTE_PREFIX + attributeKey(n)));
  return targets;
}

export interface KindGuess {
  kind: ImportKind;
  matched: number;
  missingRequired: string[];
}

/** Scores every kind on the headers; the best kind with all its required fields matched, or null. */
export function detectKind(headers: readonly string[] | null): { kind: ImportKind | null; guesses: KindGuess[] } {
  if (!headers || headers.length === 0) return { kind: null, guesses: [] };
  const guesses = ALL_KIND_SPECS.map((spec): KindGuess => {
    const targets = new Set(suggestMapping(spec.kind, headers, headers.length));
    const matched = spec.fields.filter((f) => targets.has(f.name)).length;
    const missingRequired = spec.fields.filter((f) => f.required && !targets.has(f.name)).map((f) => f.label);
    return { kind: spec.kind, matched, missingRequired };
  });
  const eligible = guesses.filter((g) => g.missingRequired.length === 0 && g.matched >= 2);
  // A file that fits a richer kind (transactions) also fits a poorer one (customers): most matches win;
  // on a tie the order of IMPORT_KINDS decides, most specific kinds listed last.
  const best = eligible.reduce<KindGuess | null>((a, g) => (!a || g.matched >= a.matched ? g : a), null);
  return { kind: best?.kind ?? null, guesses };
}

/** Problems that stop an import before it reads a row, phrased for the person fixing the mapping. */
export function checkMapping(kind: ImportKind, mapping: Mapping, names: readonly string[]): string[] {
  const spec = kindSpec(kind);
  const problems: string[] = [];
  if (mapping.length !== names.length) problems.push(`The mapping has ${mapping.length} targets for ${names.length} columns.`);
  const seen = new Map<string, number>();
  mapping.forEach((target, i) => {
    if (target === "" || target.startsWith(ATTRIBUTE_PREFIX)) {
      if (target.startsWith(ATTRIBUTE_PREFIX) && !spec.keepsAttributes) problems.push(`Column "${names[i]}": ${spec.label.toLowerCase()} imports keep no extra attributes; map it to a field or ignore it.`);
      if (target === ATTRIBUTE_PREFIX) problems.push(`Column "${names[i]}": the attribute needs a name.`);
      return;
    }
    if (!spec.fields.some((f) => f.name === target)) {
      problems.push(`Column "${names[i]}": "${target}" is not a field of ${spec.label.toLowerCase()} (fields: ${spec.fields.map((f) => f.name).join(", ")}).`);
      return;
    }
    const before = seen.get(target);
    if (before !== undefined) problems.push(`Columns "${names[before]}" and "${names[i]}" are both mapped to ${target}; keep one.`);
    else seen.set(target, i);
  });
  for (const field of spec.fields) {
    if (field.required && !seen.has(field.name)) problems.push(`Map a column to "${field.label}" (${field.name}): ${spec.label.toLowerCase()} need it.`);
  }
  return problems;
}
