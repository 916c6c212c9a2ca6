// Gain and lift: how much of what matters the top-scored rows hold, the figure a campaign is planned with
// ("the top 10% hold 31% of the buyers"). Rows are ranked by score, highest first, ties by row index, so
// equal scores straddling a decile edge split the same way on every run instead of by sort luck.
import { MlRangeError } from "../../errors";
import { checkLabelled, requirePositives } from "./inputs";
import { descendingOrder } from "./order";

export interface DecileRow {
  /** 1 = the highest scores. */
  readonly decile: number;
  readonly count: number;
  readonly positives: number;
  readonly rate: number;
  /** rate / overall rate. */
  readonly lift: number;
  /** Share of all positives in this and the higher groups. */
  readonly cumulativeShare: number;
  /** Positive rate of this and the higher groups over the overall rate. */
  readonly cumulativeLift: number;
  readonly minScore: number;
  readonly maxScore: number;
}

export interface GainPoint {
  /** Share of rows taken, highest scores first. */
  readonly populationShare: number;
  /** Share of the summed value those rows hold. */
  readonly valueShare: number;
}

/** Rows split into `groups` near-equal groups by score (sizes differ by at most one), highest first. */
export function gainByDecile(scores: Float64Array, labels: Uint8Array, options: { groups?: number } = {}): DecileRow[] {
  const groups = options.groups ?? 10;
  const totals = checkLabelled("gainByDecile", scores, labels);
  requirePositives("gainByDecile", totals);
  const n = totals.rows;
  if (!Number.isInteger(groups) || groups < 1) throw new MlRangeError(`gainByDecile: groups must be a whole number of at least 1, got ${groups}`);
  if (groups > n) throw new MlRangeError(`gainByDecile: groups = ${groups} is more than the ${n} rows`);
  const order = descendingOrder(scores);
  const overall = totals.positives / n;
  const rows: DecileRow[] = [];
  let cumCount = 0;
  let cumPositives = 0;
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    let positives = 0;
    for (let k = start; k < end; k++) positives += labels[order[k]!]!;
    const count = end - start;
    cumCount += count;
    cumPositives += positives;
    rows.push({
      decile: g + 1,
      count,
      positives,
      rate: positives / count,
      lift: positives / count / overall,
      cumulativeShare: cumPositives / totals.positives,
      cumulativeLift: cumPositives / cumCount / overall,
      minScore: scores[order[end - 1]!]!,
      maxScore: scores[order[start]!]!,
    });
  }
  return rows;
}

/**
 * The cumulative gain curve at `points` + 1 evenly spaced population shares, from (0, 0) to (1, 1). `values`
 * is what is summed per row: 0/1 labels (share of positives found), or an expected value such as the
 * score itself, the default ("the top 20% of customers hold 48% of expected clicks"). A share that falls
 * inside a row takes that fraction of the row's value.
 */
export function gainCurve(scores: Float64Array, values?: Float64Array | Uint8Array, points = 100): GainPoint[] {
  const v = values ?? scores;
  checkLabelled("gainCurve", scores, new Uint8Array(scores.length));
  if (v.length !== scores.length) throw new MlRangeError(`gainCurve: scores has ${scores.length} rows but values has ${v.length}`);
  if (!Number.isInteger(points) || points < 1) throw new MlRangeError(`gainCurve: points must be a whole number of at least 1, got ${points}`);
  const n = scores.length;
  const order = descendingOrder(scores);
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const x = v[order[k]!]!;
    if (!(x >= 0 && x < Infinity)) throw new MlRangeError(`gainCurve: values[${order[k]}] is ${x}; values must be finite and >= 0`);
    cumulative[k + 1] = cumulative[k]! + x;
  }
  const total = cumulative[n]!;
  if (total <= 0) throw new MlRangeError("gainCurve: the values sum to 0, so there is no total to share out");
  return Array.from({ length: points + 1 }, (_, j) => {
    const position = (j * n) / points;
    const whole = Math.floor(position);
    const held = whole < n ? cumulative[whole]! + (position - whole) * (cumulative[whole + 1]! - cumulative[whole]!) : total;
    return { populationShare: j / points, valueShare: held / total };
  });
}
