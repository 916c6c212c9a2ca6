// Attribution settings and the model names, with the defaults merged in one place and checked once, so a bad value
// from a form or a stored report fails here with its name instead of turning into NaN credit further down.
import { MlRangeError } from "../../ml/errors";

export interface AttributionSettings {
  /** A click can earn credit for purchases up to this many days after it (inclusive). */
  clickWindowDays: number;
  /** The same for an impression; only used when `includeImpressions`. */
  impressionWindowDays: number;
  /** False: impressions are ignored entirely (neither converting nor non-converting paths see them). */
  includeImpressions: boolean;
  /** Time decay: a touch this many days before the purchase weighs half as much as one at the purchase. */
  halfLifeDays: number;
  /** Position based, three or more touches: first and last get these shares, the middle ones split the rest. */
  positionShares: { first: number; last: number };
}

export const DEFAULT_ATTRIBUTION_SETTINGS: AttributionSettings = Object.freeze({
  clickWindowDays: 7,
  impressionWindowDays: 1,
  includeImpressions: false,
  halfLifeDays: 7,
  positionShares: Object.freeze({ first: 0.4, last: 0.4 }),
});

export type AttributionModel = "last-click" | "first-click" | "linear" | "time-decay" | "position" | "markov";

export const ATTRIBUTION_MODELS: readonly AttributionModel[] = Object.freeze([
  "last-click",
  "first-click",
  "linear",
  "time-decay",
  "position",
  "markov",
]);

export function isAttributionModel(s: string): s is AttributionModel {
  return (ATTRIBUTION_MODELS as readonly string[]).includes(s);
}

const defined = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The defaults overlaid with what the caller set (a form, a stored report), checked. A key present but undefined
 * (an optional form field left empty) keeps its default rather than failing as "got undefined".
 */
export function withDefaults(partial: Partial<AttributionSettings> = {}): AttributionSettings {
  const merged: AttributionSettings = {
    ...DEFAULT_ATTRIBUTION_SETTINGS,
    ...defined(partial),
    positionShares: { ...DEFAULT_ATTRIBUTION_SETTINGS.positionShares, ...defined(partial.positionShares) },
  };
  validateSettings(merged);
  return merged;
}

export function validateSettings(s: AttributionSettings): void {
  const nonNegative = (name: string, v: number) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new MlRangeError(`attribution: ${name} must be a finite number >= 0, got ${v}`);
  };
  nonNegative("clickWindowDays", s.clickWindowDays);
  nonNegative("impressionWindowDays", s.impressionWindowDays);
  if (!(Number.isFinite(s.halfLifeDays) && s.halfLifeDays > 0)) {
    throw new MlRangeError(`attribution: halfLifeDays must be a finite number > 0, got ${s.halfLifeDays}`);
  }
  const { first, last } = s.positionShares;
  nonNegative("positionShares.first", first);
  nonNegative("positionShares.last", last);
  // A tolerance so 0.7 + 0.3 (= 1.0000000000000002 in binary) is accepted.
  if (first + last > 1 + 1e-12) {
    throw new MlRangeError(`attribution: positionShares.first + positionShares.last must be <= 1, got ${first} + ${last}`);
  }
}
