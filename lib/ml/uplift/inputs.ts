// The checks every uplift function shares. An uplift data set is three aligned columns (features, outcome,
// treated), so the usual mistakes are a column of the wrong length, a 2 where a 0/1 flag belongs, or a
// campaign export with no holdout at all; each message names which.
import { MlRangeError } from "../errors";
import { forkRng } from "../random";
import type { FeatureTable } from "../scoring/features";

/** One campaign's rows: features, whether each customer converted, and whether they got the campaign. */
export interface UpliftSample {
  readonly table: FeatureTable;
  /** 1 = converted within the window. */
  readonly outcome: Uint8Array;
  /** 1 = got the campaign, 0 = randomised holdout. */
  readonly treated: Uint8Array;
}

export interface GroupCounts {
  readonly rows: number;
  readonly treated: number;
  readonly control: number;
  readonly treatedConversions: number;
  readonly controlConversions: number;
}

/** Checks lengths and 0/1 values; returns the group sizes and conversions. */
export function checkUpliftColumns(fn: string, rows: number, outcome: Uint8Array, treated: Uint8Array): GroupCounts {
  if (outcome.length !== rows) throw new MlRangeError(`${fn}: the outcome has ${outcome.length} values for ${rows} rows`);
  if (treated.length !== rows) throw new MlRangeError(`${fn}: treated has ${treated.length} values for ${rows} rows`);
  let nTreated = 0;
  let yTreated = 0;
  let yControl = 0;
  for (let i = 0; i < rows; i++) {
    const y = outcome[i]!;
    const t = treated[i]!;
    if (y > 1) throw new MlRangeError(`${fn}: outcome[${i}] is ${y}; outcomes must be 0 or 1`);
    if (t > 1) throw new MlRangeError(`${fn}: treated[${i}] is ${t}; treated must be 0 (holdout) or 1 (got the campaign)`);
    nTreated += t;
    if (t === 1) yTreated += y;
    else yControl += y;
  }
  return { rows, treated: nTreated, control: rows - nTreated, treatedConversions: yTreated, controlConversions: yControl };
}

export function requireBothGroups(fn: string, c: GroupCounts): void {
  if (c.treated === 0) throw new MlRangeError(`${fn}: there are no treated rows (all ${c.rows} rows are in the holdout), so the campaign's effect cannot be measured`);
  if (c.control === 0) throw new MlRangeError(`${fn}: there are no control rows (all ${c.rows} rows were treated), so there is no holdout to compare with`);
}

/** A model of P(outcome) needs both outcomes in the group it is fitted on. */
export function requireBothOutcomes(fn: string, group: string, rows: number, conversions: number): void {
  if (conversions === 0) throw new MlRangeError(`${fn}: the ${group} group has no conversions in its ${rows} rows, so there is nothing to model`);
  if (conversions === rows) throw new MlRangeError(`${fn}: every one of the ${rows} rows in the ${group} group converted, so there is nothing to tell apart`);
}

/** Checks predictions against the outcome and treated columns they are scored on. */
export function checkScored(fn: string, uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array): GroupCounts {
  if (uplift.length !== outcome.length) throw new MlRangeError(`${fn}: uplift has ${uplift.length} values but the outcome has ${outcome.length}`);
  if (uplift.length === 0) throw new MlRangeError(`${fn}: there are no rows to evaluate`);
  uplift.forEach((u, i) => {
    if (!Number.isFinite(u)) throw new MlRangeError(`${fn}: uplift[${i}] is ${u}; predictions must be finite numbers`);
  });
  const c = checkUpliftColumns(fn, uplift.length, outcome, treated);
  requireBothGroups(fn, c);
  return c;
}

export function rowsWhere(flags: Uint8Array, value: 0 | 1): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i] === value) out.push(i);
  return Int32Array.from(out);
}

export function gatherFlags(flags: Uint8Array, index: Int32Array): Uint8Array {
  return Uint8Array.from(index, (i) => flags[i]!);
}

/** A seed of its own for each fitted part, so refitting one part never shifts another's random draws. */
export function streamSeed(seed: number, stream: string): number {
  if (!Number.isFinite(seed)) throw new MlRangeError(`seed must be a finite number, got ${seed}`);
  return Math.floor(forkRng(seed, stream).next() * 2 ** 32);
}
