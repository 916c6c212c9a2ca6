// The hand-checked table shared by the fairness tests: 20 rows, worked out in the comments of
// group-metrics.test.ts. Rows 3, 4 and 5 tie at 0.80, right at the top-25% cut.
import type { GroupAttribute } from "./types";

const ROWS: [score: number, label: 0 | 1, gender: string | null, band: string | null][] = [
  [0.95, 1, "M", "young"], // 0
  [0.9, 1, "M", "old"], // 1
  [0.85, 0, "F", "young"], // 2
  [0.8, 1, "M", "young"], // 3
  [0.8, 0, "F", "old"], // 4
  [0.8, 1, "F", "young"], // 5
  [0.7, 0, "M", "old"], // 6
  [0.65, 1, "F", "young"], // 7
  [0.6, 0, "M", "young"], // 8
  [0.55, 1, "F", "old"], // 9
  [0.5, 0, "M", "old"], // 10
  [0.45, 0, "F", "young"], // 11
  [0.4, 1, "M", "young"], // 12
  [0.35, 0, "F", "old"], // 13
  [0.3, 0, "M", "old"], // 14
  [0.25, 0, "F", "young"], // 15
  [0.2, 0, "M", "young"], // 16
  [0.15, 1, "F", "old"], // 17
  [0.1, 0, null, "young"], // 18
  [0.05, 0, "M", null], // 19
];

export const scores = Float64Array.from(ROWS, (r) => r[0]);
export const labels = Uint8Array.from(ROWS, (r) => r[1]);
export const groups: GroupAttribute[] = [
  { name: "gender", values: ROWS.map((r) => r[2]) },
  { name: "band", values: ROWS.map((r) => r[3]) },
];

/** Rows of `value` in blocks: `selected` of them score 0.9, the rest 0.1 (so a 0.5 threshold selects exactly those). */
export function blocks(spec: readonly [value: string, count: number, selected: number][]): { scores: Float64Array; values: string[] } {
  const s: number[] = [];
  const values: string[] = [];
  for (const [value, count, selected] of spec) {
    for (let i = 0; i < count; i++) {
      s.push(i < selected ? 0.9 : 0.1);
      values.push(value);
    }
  }
  return { scores: Float64Array.from(s), values };
}

