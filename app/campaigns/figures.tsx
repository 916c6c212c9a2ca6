// How campaign figures read on the pages: a value, or a dash whose reason is spelled out beside it.
import type { Figure, RateFigure } from "@/lib/analytics/campaign-kpis";
import { fmt } from "../formatting";

export const MISSING = "–";

export function FigureText({ figure, format }: { figure: Figure; format: (v: number) => string }) {
  if (figure.value !== null) return <>{format(figure.value)}</>;
  return (
    <span title={figure.reason ?? undefined}>
      {MISSING}
      <span className="sr-only"> ({figure.reason})</span>
    </span>
  );
}

export const percentOf = (digits: number) => (v: number) => fmt.percent(v, digits);

/** "2.41% (2.12–2.73%)": a rate with its Wilson 95% interval. */
export function rateWithInterval(f: RateFigure, digits = 2): string {
  if (f.value === null || !f.interval) return `${MISSING} (${f.reason})`;
  return `${fmt.percent(f.value, digits)} (95%: ${fmt.percent(f.interval.low, digits)}–${fmt.percent(f.interval.high, digits)})`;
}

export const figureString = (f: Figure, format: (v: number) => string) => (f.value !== null ? format(f.value) : `${MISSING} (${f.reason})`);

/** ROAS as a multiple: 3.2×. */
export const times = (v: number) => `${v.toFixed(2)}×`;
