// Per attribute and value: who was selected, and, when outcomes are known, how the selection treats the
// people with and without the outcome. Rates are over the group's rows; a rate with no rows under it
// (TPR of a group without positives) is null rather than NaN.
import { MlRangeError } from "../errors";
import { crossAttributes, encodeAttribute, UNKNOWN, type EncodedAttribute } from "./grouping";
import type { GroupAttribute, GroupMetrics } from "./types";

export interface GroupMetricsInput {
  readonly scores: Float64Array;
  readonly labels: Uint8Array | null;
  readonly selected: Uint8Array;
  readonly attributes: readonly EncodedAttribute[];
  readonly minGroupSize: number;
}

/** The attributes as given, then (when asked) every pair of them as "a × b". */
export function encodeGroups(groups: readonly GroupAttribute[], intersections: boolean): EncodedAttribute[] {
  const single = groups.map(encodeAttribute);
  if (!intersections) return single;
  const pairs: EncodedAttribute[] = [];
  for (let i = 0; i < single.length; i++) {
    for (let j = i + 1; j < single.length; j++) pairs.push(crossAttributes(single[i]!, single[j]!));
  }
  return [...single, ...pairs];
}

export function checkLabels(labels: Uint8Array | null, rows: number): void {
  if (labels === null) return;
  if (labels.length !== rows) throw new MlRangeError(`labels has ${labels.length} entries for ${rows} scores`);
  const bad = labels.findIndex((y) => y > 1);
  if (bad >= 0) throw new MlRangeError(`labels must be 0 or 1, got ${labels[bad]} at row ${bad}`);
}

export function checkMinGroupSize(minGroupSize: number): void {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) throw new MlRangeError(`minGroupSize must be a whole number of at least 1, got ${minGroupSize}`);
}

/** Every group of every attribute; intersections list only the groups of at least minGroupSize rows. */
export function measureGroups(input: GroupMetricsInput): GroupMetrics[] {
  checkMinGroupSize(input.minGroupSize);
  return input.attributes.flatMap((attribute) => measureAttribute(input, attribute));
}

interface Sums {
  count: Float64Array;
  selected: Float64Array;
  positives: Float64Array;
  selectedPositives: Float64Array;
  scoreSum: Float64Array;
}

function sumByGroup(input: GroupMetricsInput, attribute: EncodedAttribute): Sums {
  // Slot levels.length holds the unknown rows.
  const size = attribute.levels.length + 1;
  const s: Sums = { count: new Float64Array(size), selected: new Float64Array(size), positives: new Float64Array(size), selectedPositives: new Float64Array(size), scoreSum: new Float64Array(size) };
  const { scores, labels, selected } = input;
  for (let i = 0; i < scores.length; i++) {
    const code = attribute.codes[i]!;
    const g = code < 0 ? size - 1 : code;
    s.count[g]!++;
    s.scoreSum[g]! += scores[i]!;
    s.selected[g]! += selected[i]!;
    if (labels !== null && labels[i] === 1) {
      s.positives[g]!++;
      s.selectedPositives[g]! += selected[i]!;
    }
  }
  return s;
}

function measureAttribute(input: GroupMetricsInput, attribute: EncodedAttribute): GroupMetrics[] {
  const s = sumByGroup(input, attribute);
  const known = attribute.levels.length;
  const { minGroupSize } = input;
  let highest = -1;
  for (let g = 0; g < known; g++) {
    if (s.count[g]! >= minGroupSize && (highest < 0 || rate(s, g) > rate(s, highest))) highest = g;
  }
  const highestRate = highest >= 0 ? rate(s, highest) : 0;
  const out: GroupMetrics[] = [];
  for (let g = 0; g <= known; g++) {
    const count = s.count[g]!;
    const tooSmall = count < minGroupSize;
    // An intersection lists only its sized groups, and has no unknown group (those rows are left out).
    if (count === 0 || (attribute.intersection && (tooSmall || g === known))) continue;
    const selectionRate = rate(s, g);
    out.push({
      attribute: attribute.name,
      value: g === known ? UNKNOWN : attribute.levels[g]!,
      intersection: attribute.intersection,
      unknown: g === known,
      count,
      selected: s.selected[g]!,
      selectionRate,
      ratioToHighest: highestRate > 0 ? selectionRate / highestRate : null,
      isHighest: g === highest,
      ...outcomeRates(input.labels !== null, s, g),
      meanScore: s.scoreSum[g]! / count,
      tooSmall,
      test: null,
      pValue: null,
      adjustedPValue: null,
    });
  }
  return out;
}

function rate(s: Sums, g: number): number {
  return s.selected[g]! / s.count[g]!;
}

function outcomeRates(labelled: boolean, s: Sums, g: number) {
  if (!labelled) return { positives: null, truePositiveRate: null, falsePositiveRate: null, positiveRate: null, calibrationGap: null };
  const count = s.count[g]!;
  const positives = s.positives[g]!;
  const negatives = count - positives;
  const positiveRate = positives / count;
  return {
    positives,
    truePositiveRate: positives > 0 ? s.selectedPositives[g]! / positives : null,
    falsePositiveRate: negatives > 0 ? (s.selected[g]! - s.selectedPositives[g]!) / negatives : null,
    positiveRate,
    calibrationGap: s.scoreSum[g]! / count - positiveRate,
  };
}
