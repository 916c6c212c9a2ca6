// Test data for the attribution suites: readable rows for the hand-checked cases and a seeded generator for the
// property tests. Lives beside the code (like lib/ml/recs/contract-suite.ts) so every suite builds data one way.
import { createRng } from "../../ml/random";
import { DAY_MS } from "../date-range";
import type { Purchases, Touches } from "./types";

/** An arbitrary fixed epoch (2026-01-01T00:00Z) so times look like real ones; tests read offsets from it. */
export const T0 = Date.UTC(2026, 0, 1);
export const HOUR_MS = 3_600_000;
export const days = (d: number) => T0 + d * DAY_MS;

/** [customer, time ms, campaign, "click" | "imp"] rows, already in customer-then-time order. */
export function touchesOf(rows: readonly (readonly [number, number, number, "click" | "imp"])[]): Touches {
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    time: Float64Array.from(rows, (r) => r[1]),
    campaign: Int32Array.from(rows, (r) => r[2]),
    isClick: Uint8Array.from(rows, (r) => (r[3] === "click" ? 1 : 0)),
  };
}

/** [customer, time ms, revenue] rows, already in customer-then-time order. */
export function purchasesOf(rows: readonly (readonly [number, number, number])[]): Purchases {
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    time: Float64Array.from(rows, (r) => r[1]),
    revenue: Float64Array.from(rows, (r) => r[2]),
  };
}

export const identity = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Seeded random customers: up to `maxTouches` touches (70 % clicks) and up to 3 purchases each over 30 days, so
 * there are attributed, organic and never-buying customers, shared touches and long paths.
 */
export function randomData(seed: number, customers: number, campaigns: number, maxTouches = 6): { touches: Touches; purchases: Purchases } {
  const rng = createRng(seed);
  const t: [number, number, number, "click" | "imp"][] = [];
  const p: [number, number, number][] = [];
  for (let c = 0; c < customers; c++) {
    const nt = Math.floor(rng.next() * (maxTouches + 1));
    const times = Array.from({ length: nt }, () => Math.round(rng.next() * 30 * DAY_MS)).sort((a, b) => a - b);
    for (const at of times) t.push([c, T0 + at, Math.floor(rng.next() * campaigns), rng.next() < 0.7 ? "click" : "imp"]);
    const np = Math.floor(rng.next() * 4);
    const ptimes = Array.from({ length: np }, () => Math.round(rng.next() * 30 * DAY_MS)).sort((a, b) => a - b);
    for (const at of ptimes) p.push([c, T0 + at, Math.round(500 + rng.next() * 19_500) / 100]);
  }
  return { touches: touchesOf(t), purchases: purchasesOf(p) };
}
