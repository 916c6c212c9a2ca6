// A file of scores to check for fairness: one score column, optionally an outcome column, and the group
// columns. Pure: it takes the text. A score that is not a number between 0 and 1 is an error naming its line;
// a missing group value is "unknown" (lib/ml/fairness reports it apart).
import { MlRangeError } from "../ml/errors";
import type { Delimiter } from "./detect";
import { parseNumber } from "./numbers";
import { choosePositive, findColumn, isMissing, parseRecords } from "./scoring-table";

export interface ScoredFile {
  readonly scores: Float64Array;
  readonly labels: Uint8Array | null;
  readonly groups: { readonly name: string; readonly values: (string | null)[] }[];
  readonly score: string;
  readonly label: { readonly name: string; readonly positive: string } | null;
}

export interface ScoredFileOptions {
  score: string;
  label?: string;
  positive?: string;
  groups: readonly string[];
  header?: boolean;
  delimiter?: Delimiter;
}

export function readScoredFile(text: string, o: ScoredFileOptions): ScoredFile {
  const p = parseRecords(text, o.header, o.delimiter);
  if (o.groups.length === 0) throw new MlRangeError("--group: name at least one column to compare groups by");
  const s = findColumn(p.names, o.score, "--score");
  const l = o.label === undefined ? -1 : findColumn(p.names, o.label, "--label");
  const g = o.groups.map((name) => findColumn(p.names, name, "--group"));
  const scores = Float64Array.from(p.data, (r, i) => {
    const v = parseNumber(r[s] ?? "", false);
    if (!(v >= 0 && v <= 1)) throw new MlRangeError(`line ${i + p.firstLine}, column "${p.names[s]}": "${r[s] ?? ""}" is not a score between 0 and 1`);
    return v;
  });
  let label: ScoredFile["label"] = null;
  let labels: Uint8Array | null = null;
  if (l >= 0) {
    const positive = choosePositive(p.data, l, p.names[l]!, o.positive).toLowerCase();
    label = { name: p.names[l]!, positive };
    labels = Uint8Array.from(p.data, (r, i) => {
      const v = r[l] ?? "";
      if (isMissing(v)) throw new MlRangeError(`line ${i + p.firstLine}, column "${p.names[l]}": the outcome is empty`);
      return v.trim().toLowerCase() === positive ? 1 : 0;
    });
  }
  const groups = g.map((j) => ({ name: p.names[j]!, values: p.data.map((r) => (isMissing(r[j] ?? "") ? null : r[j]!.trim())) }));
  return { scores, labels, groups, score: p.names[s]!, label };
}
