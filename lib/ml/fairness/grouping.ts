// Attribute values as dense codes, so every per-group sum is one pass over a typed array.
// Unknowns: null, and the literal string "unknown" (how CSV exports such as the bank data spell a missing
// value), are one group named "unknown". It is listed with its figures, because who the model skips among
// people who did not state their gender is worth seeing, but it is never the reference group and never
// tested: it is not a group of people who share the attribute. Intersections leave unknown rows out.
import { MlRangeError } from "../errors";
import type { GroupAttribute } from "./types";

export const UNKNOWN = "unknown";
export const CROSS = " × ";

export interface EncodedAttribute {
  readonly name: string;
  readonly intersection: boolean;
  /** Known levels in code-unit order; code k is levels[k]. */
  readonly levels: readonly string[];
  /** One code per row; −1 for unknown (or, in an intersection, unknown in either attribute). */
  readonly codes: Int32Array;
}

/** Throws unless every attribute has a distinct, non-empty name and one value per row. */
export function checkAttributes(groups: readonly GroupAttribute[], rows: number): void {
  const seen = new Set<string>();
  for (const g of groups) {
    if (typeof g.name !== "string" || g.name.trim() === "") throw new MlRangeError(`every group attribute needs a name, got ${JSON.stringify(g.name)}`);
    if (seen.has(g.name)) throw new MlRangeError(`group attribute "${g.name}" is given twice`);
    seen.add(g.name);
    if (g.values.length !== rows) throw new MlRangeError(`group attribute "${g.name}" has ${g.values.length} values for ${rows} rows`);
  }
}

export function isUnknown(value: string | null): value is null {
  return value === null || value === UNKNOWN;
}

export function encodeAttribute(attribute: GroupAttribute): EncodedAttribute {
  const { levels, codes } = encodeStrings(attribute.values, isUnknown);
  return { name: attribute.name, intersection: false, levels, codes };
}

/**
 * Codes into the sorted distinct values; −1 for null and wherever `missing` says so. One Map lookup a row
 * in a plain loop: Int32Array.from with a mapping function goes through the iterator protocol, and took
 * several times as long on a million rows.
 */
export function encodeStrings(values: readonly (string | null)[], missing: (v: string) => boolean = () => false): { levels: string[]; codes: Int32Array } {
  const firstSeen = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string | null;
    if (v === null || missing(v)) {
      codes[i] = -1;
      continue;
    }
    let code = firstSeen.get(v);
    if (code === undefined) firstSeen.set(v, (code = firstSeen.size));
    codes[i] = code;
  }
  const levels = [...firstSeen.keys()].sort(compareText);
  const sortedCode = new Int32Array(levels.length);
  levels.forEach((l, k) => (sortedCode[firstSeen.get(l)!] = k));
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = sortedCode[codes[i]!]!;
  return { levels, codes };
}

/** The pair a × b as one attribute: level "x × y" for every combination that occurs. */
export function crossAttributes(a: EncodedAttribute, b: EncodedAttribute): EncodedAttribute {
  const width = b.levels.length;
  const pairCodes = new Int32Array(a.codes.length);
  const used = new Uint8Array(a.levels.length * width);
  for (let i = 0; i < a.codes.length; i++) {
    const ca = a.codes[i]!;
    const cb = b.codes[i]!;
    pairCodes[i] = ca < 0 || cb < 0 ? -1 : ca * width + cb;
    if (ca >= 0 && cb >= 0) used[ca * width + cb] = 1;
  }
  // Renumber the combinations that occur, in a-major order, so levels stay dense.
  const dense = new Int32Array(used.length).fill(-1);
  const levels: string[] = [];
  for (let p = 0; p < used.length; p++) {
    if (!used[p]) continue;
    dense[p] = levels.length;
    levels.push(`${a.levels[Math.floor(p / width)]}${CROSS}${b.levels[p % width]}`);
  }
  const codes = pairCodes.map((p) => (p < 0 ? -1 : dense[p]!));
  return { name: `${a.name}${CROSS}${b.name}`, intersection: true, levels, codes };
}

/** Code-unit order: the same in every locale, so reports compare byte for byte. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
