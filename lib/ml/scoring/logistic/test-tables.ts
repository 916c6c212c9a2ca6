// Small tables for the logistic regression tests, built by hand so the expected numbers can be recomputed.
import type { CategoricalFeature, FeatureTable, LabelledTable, NumericFeature } from "../features";
import { createRng, normal } from "../../random";

export function numeric(name: string, values: readonly number[]): NumericFeature {
  return { kind: "numeric", name, values: Float64Array.from(values) };
}

export function categorical(name: string, levels: readonly string[], codes: readonly number[]): CategoricalFeature {
  return { kind: "categorical", name, levels, codes: Int32Array.from(codes) };
}

export function labelled(features: FeatureTable["features"], label: readonly number[]): LabelledTable {
  return { rows: label.length, features, label: Uint8Array.from(label) };
}

/**
 * 16 rows, two numerics and a colour whose "violet" (2 rows) falls under minLevelCount 3 and so is "other".
 * The same numbers are in the scikit-learn call quoted in logistic.test.ts.
 */
export const TINY_X1 = [0.5, 1.2, -0.3, 2.2, 1.0, -1.5, 0.8, 0.1, 1.9, -0.7, 0.3, 1.4, -1.1, 0.6, 2.5, -0.2];
export const TINY_X2 = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
export const TINY_COLOUR = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 3, 1, 2, 0, 3, 0];
export const TINY_Y = [1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0];
export const COLOURS = ["red", "green", "blue", "violet"];

export function tinyTable(): LabelledTable {
  return labelled([numeric("x1", TINY_X1), numeric("x2", TINY_X2), categorical("colour", COLOURS, TINY_COLOUR)], TINY_Y);
}

/** A 2 × 2 table: treated 7 of 10 positive, control 4 of 12; odds ratio (7·8)/(3·4). */
export function twoByTwo(): LabelledTable {
  const codes = [...Array(10).fill(0), ...Array(12).fill(1)];
  const y = [...Array(7).fill(1), ...Array(3).fill(0), ...Array(4).fill(1), ...Array(8).fill(0)];
  return labelled([categorical("arm", ["treated", "control"], codes)], y);
}

/** `n` seeded rows: a numeric with a real effect, a noise numeric, and a 4-level channel. */
export function syntheticTable(n: number, seed: number): LabelledTable {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const channel: number[] = [];
  const y: number[] = [];
  const effect = [0.8, 0, -0.5, 0.3];
  for (let i = 0; i < n; i++) {
    a.push(normal(rng));
    b.push(normal(rng, 10, 3));
    channel.push(Math.floor(rng.next() * 4));
    const z = -0.5 + 1.2 * a[i]! + effect[channel[i]!]!;
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return labelled([numeric("a", a), numeric("b", b), categorical("channel", ["search", "social", "email", "display"], channel)], y);
}
