// Label checks the tree modules share; option checks are lib/ml/checks.ts.
import { MlRangeError } from "../../errors";
import type { LabelledTable } from "../features";

/**
 * Labels must be 0/1, and training labels hold both classes: a log-odds needs a positive rate strictly
 * between 0 and 1 (a validation table may hold one class).
 */
export function countPositives(table: LabelledTable, rows: Int32Array | null, what: string, needsBoth = true): number {
  const { label } = table;
  if (label.length !== table.rows) throw new MlRangeError(`${what}: ${label.length} labels for ${table.rows} rows`);
  const n = rows ? rows.length : table.rows;
  let positives = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const y = label[i]!;
    if (y > 1) throw new MlRangeError(`${what}: label ${i} is ${y}; labels must be 0 or 1`);
    positives += y;
  }
  if (n === 0) throw new MlRangeError(`${what}: no rows to train on`);
  if (needsBoth && (positives === 0 || positives === n)) throw new MlRangeError(`${what}: all ${n} labels are ${positives === 0 ? 0 : 1}; training needs both classes`);
  return positives;
}
