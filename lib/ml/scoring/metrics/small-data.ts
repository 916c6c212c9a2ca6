// One plain sentence when the figures rest on too little data to be read at face value. It never refuses:
// the metrics are still shown, and the sentence says how far off they could be, in the user's own noun
// ("only 23 clicks: the AUC could be anywhere from 0.55 to 0.85").
import { checkCount } from "../../../stats/checks";
import { formatCount } from "../../../stats/verdict";

/** Below this many rows of either class, any metric is rough. */
export const SMALL_CLASS = 100;
/** An AUC interval wider than this is too wide to compare models by. */
export const WIDE_INTERVAL = 0.1;

export interface SmallDataInput {
  readonly rows: number;
  readonly positives: number;
  readonly negatives: number;
  readonly aucInterval?: { readonly low: number; readonly high: number } | null;
  /** Plural, e.g. "clicks"; the singular drops a final "s" unless given. */
  readonly positiveNoun?: string;
  readonly positiveNounOne?: string;
  /** Plural; defaults to "rows without <positiveNoun>". */
  readonly negativeNoun?: string;
}

export function smallDataWarning(input: SmallDataInput): string | null {
  const { rows, positives, negatives, aucInterval } = input;
  checkCount(rows, "smallDataWarning: rows");
  checkCount(positives, "smallDataWarning: positives");
  checkCount(negatives, "smallDataWarning: negatives");
  const noun = input.positiveNoun ?? "positives";
  const one = input.positiveNounOne ?? noun.replace(/s$/, "");
  const negativeNoun = input.negativeNoun ?? `rows without ${noun}`;
  const few: string[] = [];
  if (positives < SMALL_CLASS) few.push(`${formatCount(positives)} ${positives === 1 ? one : noun}`);
  if (negatives < SMALL_CLASS) few.push(`${formatCount(negatives)} ${negativeNoun}`);
  const wide = aucInterval != null && aucInterval.high - aucInterval.low > WIDE_INTERVAL;
  if (few.length === 0 && !wide) return null;
  const range = aucInterval ? `the AUC could be anywhere from ${aucInterval.low.toFixed(2)} to ${aucInterval.high.toFixed(2)}` : null;
  if (few.length > 0) return `Only ${few.join(" and ")}: ${range ?? "treat the AUC and the other figures as rough"}.`;
  return `Even with ${formatCount(rows)} rows and ${formatCount(positives)} ${positives === 1 ? one : noun}, ${range}.`;
}
