// What every targeting figure starts from: per customer P(click), P(conversion | click) and the value of a
// conversion, checked once here so each message names the array and the row that is wrong.
import { MlRangeError } from "../../ml/errors";

export interface TargetingInputs {
  readonly pClick: Float64Array;
  /** P(conversion | click). */
  readonly pConvert: Float64Array;
  /** Expected revenue of one conversion (the customer's own average order value, or the shop's). */
  readonly orderValue: Float64Array;
  /** RFM segment or any label; null = none. */
  readonly segment?: readonly (string | null)[];
}

/** Int32Array: the chosen rows; Uint8Array: a 0/1 mask over all customers. */
export type Selection = Int32Array | Uint8Array;

/** What one impression or one click costs. CPM is per thousand impressions. */
export type CostModel = { readonly kind: "cpm"; readonly cpm: number } | { readonly kind: "cpc"; readonly cpc: number };

/** Checks lengths and values; returns the number of customers. */
export function checkInputs(fn: string, inputs: TargetingInputs): number {
  const { pClick, pConvert, orderValue, segment } = inputs;
  const n = pClick.length;
  const lengths: [string, number][] = [["pClick", n], ["pConvert", pConvert.length], ["orderValue", orderValue.length]];
  if (segment) lengths.push(["segment", segment.length]);
  if (lengths.some(([, l]) => l !== n)) {
    throw new MlRangeError(`${fn}: the inputs have mismatched lengths (${lengths.map(([k, l]) => `${k} ${l}`).join(", ")}); give one entry per customer`);
  }
  for (let i = 0; i < n; i++) {
    checkProbability(fn, "pClick", i, pClick[i]!);
    checkProbability(fn, "pConvert", i, pConvert[i]!);
    const v = orderValue[i]!;
    if (!(v >= 0 && v < Infinity)) throw new MlRangeError(`${fn}: orderValue[${i}] is ${v}; order values must be finite and >= 0`);
  }
  return n;
}

function checkProbability(fn: string, name: string, i: number, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new MlRangeError(`${fn}: ${name}[${i}] is ${p}; probabilities must lie in [0, 1]`);
}

/** The selected rows, in the order given (a mask gives them in row order); duplicates and strays refused. */
export function selectedRows(fn: string, selection: Selection, n: number): Int32Array {
  if (selection instanceof Uint8Array) {
    if (selection.length !== n) throw new MlRangeError(`${fn}: the mask has ${selection.length} entries but there are ${n} customers`);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      const m = selection[i]!;
      if (m > 1) throw new MlRangeError(`${fn}: mask[${i}] is ${m}; a mask holds 0 or 1`);
      if (m === 1) rows.push(i);
    }
    return Int32Array.from(rows);
  }
  // A row listed twice would be counted twice and inflate every total without any sign of it.
  const seen = new Uint8Array(n);
  for (let k = 0; k < selection.length; k++) {
    const r = selection[k]!;
    if (r < 0 || r >= n) throw new MlRangeError(`${fn}: rows[${k}] is ${r}; rows must lie in 0..${n - 1}`);
    if (seen[r]) throw new MlRangeError(`${fn}: row ${r} is listed twice (at rows[${k}])`);
    seen[r] = 1;
  }
  return selection;
}

export function checkImpressions(fn: string, impressionsPerCustomer: number): void {
  if (!(impressionsPerCustomer > 0 && impressionsPerCustomer < Infinity)) {
    throw new MlRangeError(`${fn}: impressionsPerCustomer is ${impressionsPerCustomer}; it must be a finite number above 0`);
  }
}

export function checkCost(fn: string, cost: CostModel): void {
  const price = cost.kind === "cpm" ? cost.cpm : cost.cpc;
  if (!(price >= 0 && price < Infinity)) throw new MlRangeError(`${fn}: ${cost.kind} is ${price}; a price must be finite and >= 0`);
}

/** Bids keep cost ≤ revenue / (1 + target); at −100% or below that bound means nothing. */
export function checkTargetRoi(fn: string, target: number): void {
  if (!(target > -1 && target < Infinity)) throw new MlRangeError(`${fn}: target ROI is ${target}; it must be a finite number above -1 (-100%)`);
}
