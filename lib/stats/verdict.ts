// The plain-language verdict. It is built only from the figures in the Comparison, rounded the way they
// are printed, so a sentence can never claim more than its numbers (verdict.test.ts checks thousands).
// When the interval excludes 0 but the test does not reject, the verdict says both, never "no winner"
// next to an interval that silently claims one.
import type { Outcome } from "./types";

const MINUS = "\u2212";

/** Signed percent of a share: 0.152 → "+15.2%". The sign is the value's own, so +0.0% means "just above 0". */
export function formatSignedPercent(share: number, decimals: number): string {
  const magnitude = (Math.abs(share) * 100).toFixed(decimals);
  return `${share > 0 ? "+" : share < 0 ? MINUS : ""}${magnitude}%`;
}

/** One decimal, more (up to three) while a non-zero figure would print as 0. */
export function decimalsFor(shares: readonly number[]): number {
  let decimals = 1;
  while (decimals < 3 && shares.some((s) => s !== 0 && Number((Math.abs(s) * 100).toFixed(decimals)) === 0)) decimals++;
  return decimals;
}

/** 0.95 → "95%", 1 − 0.05/3 → "98.33%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

/** 12400 → "12,400", independent of the runtime's locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Three significant figures: advice about sample size is an estimate, not a count. */
export function roundSignificant(n: number, digits = 3): number {
  if (n === 0) return 0;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(n))) + 1 - digits);
  return Math.round(n / scale) * scale;
}

/** A probability as a whole percent, never rounded up to a certain 100% or down to 0%. */
export function formatChance(p: number): string {
  if (p >= 0.995) return "more than 99%";
  if (p <= 0.005) return "less than 1%";
  return `${Math.round(p * 100)}%`;
}

export interface VerdictInput {
  outcome: Outcome;
  control: string;
  variant: string;
  label: string;
  unitWord: string;
  level: number;
  relativeLift: number | null;
  ci: [number, number] | null;
  /** The winner's chance to be better, when the method computes one. */
  winnerChance: number | null;
  moreUnitsNeeded: number | null;
  equivalenceMargin: number;
  reason: string | null;
  /** The sentence of disagreementSentence, when the interval excludes 0 but the test does not reject. */
  disagreement: string | null;
}

/** A p-value in two significant figures: 0.0912 → "0.091", 0.09 → "0.09", 1.23e-7 → "1.2e-7". */
export function formatPValue(p: number): string {
  return String(Number(p.toPrecision(2)));
}

export interface DisagreementInput {
  level: number;
  relativeLift: number;
  ci: [number, number];
  /** "Welch's t-test", "the pooled z-test", … */
  test: string;
  /** "p", "Holm-adjusted p", … */
  pLabel: string;
  pValue: number | null;
  /** The threshold the p-value is held to. */
  alpha: number;
}

/**
 * Said when the interval of the lift excludes 0 but the test does not reject "no change". The interval
 * is printed with the decimals of the verdict it goes in (those of the lift and the interval together).
 */
export function disagreementSentence(d: DisagreementInput): string {
  const decimals = decimalsFor([d.relativeLift, ...d.ci]);
  const pct = (s: number) => formatSignedPercent(s, decimals);
  const p = d.pValue === null ? "no p-value could be computed" : `${d.pLabel} = ${formatPValue(d.pValue)}, not below ${formatPValue(d.alpha)}`;
  return (
    `the ${formatLevel(d.level)} interval of the lift (${pct(d.ci[0])} to ${pct(d.ci[1])}) excludes no change, ` +
    `but ${d.test} does not reject it (${p}); the metric is skewed or the sample small \u2014 wait for more data`
  );
}

export function buildVerdict(v: VerdictInput): string {
  if (v.outcome === "no-data") return `No verdict: ${v.reason ?? "no data yet"}`;
  if (v.relativeLift === null || v.ci === null) return `No winner yet: ${v.reason ?? "the lift cannot be estimated yet"}`;
  const decimals = decimalsFor([v.relativeLift, ...v.ci]);
  const pct = (s: number) => formatSignedPercent(s, decimals);
  const figures = `${v.label} ${pct(v.relativeLift)} (${formatLevel(v.level)} interval ${pct(v.ci[0])} to ${pct(v.ci[1])})`;
  switch (v.outcome) {
    case "variant-wins":
    case "control-wins": {
      const [winner, loser] = v.outcome === "variant-wins" ? [v.variant, v.control] : [v.control, v.variant];
      const chance = v.winnerChance === null ? "" : `, ${formatChance(v.winnerChance)} chance to be better`;
      return `${winner} beats ${loser}: ${figures}${chance}`;
    }
    case "equivalent":
      return `${v.control} and ${v.variant} perform the same within ±${Number((v.equivalenceMargin * 100).toFixed(2))}%: ${figures}`;
    case "inconclusive": {
      const advice =
        v.moreUnitsNeeded === null
          ? ""
          : `; about ${formatCount(v.moreUnitsNeeded)} more ${v.unitWord} per arm to detect a ${pct(v.relativeLift)} lift`;
      // The disagreement sentence quotes the interval itself, so the figures shrink to the lift.
      if (v.disagreement !== null) return `No winner yet: ${v.label} ${pct(v.relativeLift)}; ${v.disagreement}${advice}`;
      return `No winner yet: ${figures}${advice}`;
    }
  }
}
