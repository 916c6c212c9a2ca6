// Seeded tables for the tree tests: small enough to fit in milliseconds, built so the right answer is known.
import { createRng } from "../../random";
import type { Feature, FeatureTable, LabelledTable } from "../features";

/** y = (x1 > 0.5) XOR (x2 > 0.5), plus a categorical "colour" and a numeric "noise" that carry nothing. */
export function xorTable(n: number, seed: number): LabelledTable {
  const rng = createRng(seed);
  const x1 = Float64Array.from({ length: n }, () => rng.next());
  const x2 = Float64Array.from({ length: n }, () => rng.next());
  const noise = Float64Array.from({ length: n }, () => rng.next());
  const colour = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 3));
  const label = Uint8Array.from({ length: n }, (_, i) => ((x1[i]! > 0.5) !== (x2[i]! > 0.5) ? 1 : 0));
  const features: Feature[] = [
    { kind: "numeric", name: "x1", values: x1 },
    { kind: "numeric", name: "x2", values: x2 },
    { kind: "categorical", name: "colour", codes: colour, levels: ["red", "green", "blue"] },
    { kind: "numeric", name: "noise", values: noise },
  ];
  return { rows: n, features, label };
}

/** Labels that are coin flips, independent of both features. */
export function noiseTable(n: number, seed: number): LabelledTable {
  const rng = createRng(seed);
  const features: Feature[] = [
    { kind: "numeric", name: "a", values: Float64Array.from({ length: n }, () => rng.next()) },
    { kind: "categorical", name: "b", codes: Int32Array.from({ length: n }, () => Math.floor(rng.next() * 5)), levels: ["p", "q", "r", "s", "t"] },
  ];
  return { rows: n, features, label: Uint8Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0)) };
}

/** The XOR table's columns with NaN in x1, a missing colour, and a colour appended after training. */
export function scoringTableWithSurprises(): FeatureTable {
  const features: Feature[] = [
    { kind: "numeric", name: "x1", values: Float64Array.from([NaN, 0.2, 0.9, NaN]) },
    { kind: "numeric", name: "x2", values: Float64Array.from([0.7, NaN, 0.1, 0.3]) },
    { kind: "categorical", name: "colour", codes: Int32Array.from([3, -1, 1, 3]), levels: ["red", "green", "blue", "violet"] },
    { kind: "numeric", name: "noise", values: Float64Array.from([0.5, 0.5, NaN, 0.1]) },
  ];
  return { rows: 4, features };
}

export const logit = (p: number) => Math.log(p / (1 - p));

export function meanLogLoss(p: Float64Array, label: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= label[i] ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return s / p.length;
}
