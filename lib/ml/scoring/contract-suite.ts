// The contract every scoring model keeps, as one Vitest suite each model's test calls:
//   runScoringContract(randomForest, { fitOptions: { trees: 30 } })
// On a seeded table where two numerics and a 4-level channel carry the outcome and a third numeric is noise,
// the model beats a floor and a noise-only fit on held-out rows; scores are probabilities, batch equals one
// by one; explanations add up to the score's log-odds and put the noise below the real signal; a fit is
// deterministic and survives JSON; unseen levels, NaN and −1 codes are scored, while a table of the wrong
// shape and labels a model cannot learn from are refused by name.
import { expect, it } from "vitest";
import { MlRangeError } from "../errors";
import { createRng, normal } from "../random";
import { type Feature, type FeatureTable, type LabelledTable, schemaOf, takeRows } from "./features";
import { rocAuc } from "./metrics/roc";
import type { ScoringAlgorithm, ScoringKind, ScoringModelHeader } from "./model";
import { SCORING_ALGORITHMS, SCORING_KINDS } from "./scorer";

export interface ScoringContractOptions<O> {
  fitOptions?: Partial<O>;
  /** Relative tolerance of base + Σ contributions against logit(p), as a share of max(1, |logit(p)|). */
  tolerance?: number;
}

/** Held-out AUC every model must beat on the fixture; the generating model's own AUC there is about 0.85. */
export const CONTRACT_AUC_FLOOR = 0.75;

const SEED = 7;
const TRAIN_ROWS = 700;
const TEST_ROWS = 300;
const CHANNELS = ["search", "social", "email", "display"];
const CHANNEL_EFFECT = [0.9, -0.7, 0.4, -0.2];
/** Schema positions in the fixture. */
const SPEND = 0;
const NOISE = 2;

/**
 * `n` seeded rows: log-odds −0.4 + 1.6·spend − 0.9·visits + channel effect; "noise" carries nothing.
 * About 6% of visits are NaN and 5% of channels −1 (both then add nothing to the true log-odds).
 */
export function contractTable(n: number, seed: number): LabelledTable {
  const rng = createRng(seed);
  const spend = new Float64Array(n);
  const visits = new Float64Array(n);
  const noise = new Float64Array(n);
  const channel = new Int32Array(n);
  const label = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    spend[i] = normal(rng);
    visits[i] = rng.next() < 0.06 ? NaN : normal(rng);
    noise[i] = 10 * rng.next();
    channel[i] = rng.next() < 0.05 ? -1 : Math.floor(rng.next() * CHANNELS.length);
    const z = -0.4 + 1.6 * spend[i]! - 0.9 * (Number.isNaN(visits[i]!) ? 0 : visits[i]!) + (channel[i]! < 0 ? 0 : CHANNEL_EFFECT[channel[i]!]!);
    label[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const features: Feature[] = [
    { kind: "numeric", name: "spend", values: spend },
    { kind: "numeric", name: "visits", values: visits },
    { kind: "numeric", name: "noise", values: noise },
    { kind: "categorical", name: "channel", codes: channel, levels: CHANNELS },
  ];
  return { rows: n, features, label };
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, k) => from + k);

/** The test rows as a table built for scoring: "affiliate" appended after training, more NaN and −1. */
export function surprisingTable(test: FeatureTable): FeatureTable {
  const features = test.features.map((f): Feature => {
    if (f.kind === "categorical") return { ...f, levels: [...f.levels, "affiliate"], codes: f.codes.map((c, i) => (i % 5 === 0 ? f.levels.length : i % 7 === 0 ? -1 : c)) };
    return { ...f, values: f.values.map((v, i) => (i % 6 === 0 ? NaN : v)) };
  });
  return { rows: test.rows, features };
}

const logit = (p: number) => Math.log(p / (1 - p));
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
const mean = (a: Float64Array) => sum(a) / a.length;
const errorOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
};

/** Small fits of every registered model, for JSON of another kind. */
const CHEAP_FITS: Record<ScoringKind, Record<string, unknown>> = { logistic: { maxIterations: 20 }, forest: { trees: 2 }, gbt: { maxIterations: 2 } };

export function runScoringContract<M extends ScoringModelHeader, O>(algorithm: ScoringAlgorithm<M, O>, options: ScoringContractOptions<O> = {}): void {
  const name = algorithm.kind;
  const tolerance = options.tolerance ?? 1e-9;
  const all = contractTable(TRAIN_ROWS + TEST_ROWS, SEED);
  const train = takeRows(all, range(0, TRAIN_ROWS));
  const test = takeRows(all, range(TRAIN_ROWS, TRAIN_ROWS + TEST_ROWS));
  const fitOptions: Partial<O> = options.fitOptions ?? {};
  const fit = (table: LabelledTable = train, seed = SEED) => algorithm.fit(table, { ...fitOptions, seed }).model;
  let fitted: M | null = null;
  const model = () => (fitted ??= fit());

  /** The largest |base + Σ values − logit(p)| / max(1, |logit(p)|) over the rows of `table`. */
  const worstAdditivity = (m: M, table: FeatureTable) => {
    const p = algorithm.predict(m, table);
    let worst = 0;
    for (let row = 0; row < table.rows; row++) {
      const { base, values } = algorithm.explain(m, table, row);
      expect(values.length).toBe(m.schema.length);
      const target = logit(p[row]!);
      worst = Math.max(worst, Math.abs(base + sum(values) - target) / Math.max(1, Math.abs(target)));
    }
    return worst;
  };

  it(`${name}: the model header names its kind and the training columns`, () => {
    expect(model().kind).toBe(name);
    expect(model().schema).toEqual(schemaOf(train));
  });

  it(`${name}: learns, beating AUC ${CONTRACT_AUC_FLOOR} and a fit on the noise alone on held-out rows`, () => {
    const auc = rocAuc(algorithm.predict(model(), test), test.label);
    const only = (t: LabelledTable): LabelledTable => ({ ...t, features: [t.features[NOISE]!] });
    const noiseAuc = rocAuc(algorithm.predict(fit(only(train)), only(test)), test.label);
    expect(auc).toBeGreaterThan(CONTRACT_AUC_FLOOR);
    expect(auc).toBeGreaterThan(noiseAuc + 0.1);
  });

  it(`${name}: scores one finite probability per row, and a batch equals row by row`, () => {
    const p = algorithm.predict(model(), test);
    expect(p).toBeInstanceOf(Float64Array);
    expect(p.length).toBe(test.rows);
    expect(Array.from(p).filter((v) => !(Number.isFinite(v) && v >= 0 && v <= 1))).toEqual([]);
    const one = Float64Array.from({ length: test.rows }, (_, i) => algorithm.predict(model(), takeRows(test, Int32Array.of(i)))[0]!);
    expect(one).toEqual(p);
  });

  it(`${name}: explanations add up to logit(p), one value per feature, noise below the strongest signal`, () => {
    expect(worstAdditivity(model(), test)).toBeLessThanOrEqual(tolerance);
    const meanAbs = new Float64Array(test.features.length);
    for (let row = 0; row < test.rows; row++) algorithm.explain(model(), test, row).values.forEach((v, j) => (meanAbs[j]! += Math.abs(v) / test.rows));
    const strongest = Math.max(...Array.from(meanAbs).filter((_, j) => j !== NOISE));
    expect(meanAbs[NOISE]).toBeLessThan(strongest);
  });

  it(`${name}: the same seed fits the same model, which survives a JSON round trip`, () => {
    const p = algorithm.predict(model(), test);
    expect(algorithm.predict(fit(), test)).toEqual(p);
    const back = algorithm.fromJSON(JSON.parse(JSON.stringify(algorithm.toJSON(model()))));
    expect(algorithm.predict(back, test)).toEqual(p);
    for (let row = 0; row < test.rows; row += 7) expect(algorithm.explain(back, test, row)).toEqual(algorithm.explain(model(), test, row));
  });

  it(`${name}: refuses to load another kind's model, naming the kind`, () => {
    const small = takeRows(train, range(0, 200));
    for (const other of SCORING_KINDS.filter((k) => k !== name)) {
      const theirs = SCORING_ALGORITHMS[other];
      const json = JSON.parse(JSON.stringify(theirs.toJSON(theirs.fit(small, { ...CHEAP_FITS[other], seed: SEED }).model)));
      const e = errorOf(() => algorithm.fromJSON(json));
      expect(e).toBeInstanceOf(MlRangeError);
      expect((e as Error).message).toContain(name);
      expect((e as Error).message).toContain(other);
    }
  });

  it(`${name}: scores unseen levels, NaN numerics and −1 codes, and explains them additively`, () => {
    const fresh = surprisingTable(test);
    const p = algorithm.predict(model(), fresh);
    expect(Array.from(p).filter((v) => !(Number.isFinite(v) && v >= 0 && v <= 1))).toEqual([]);
    expect(worstAdditivity(model(), fresh)).toBeLessThanOrEqual(tolerance);
  });

  it(`${name}: refuses a table with a feature of the wrong kind, naming it, in predict and explain`, () => {
    const codes = (test.features[3] as Extract<Feature, { kind: "categorical" }>).codes;
    const wrong: FeatureTable = { ...test, features: [...test.features.slice(0, 3), { kind: "numeric", name: "channel", values: Float64Array.from(codes) }] };
    expect(() => algorithm.predict(model(), wrong)).toThrow(MlRangeError);
    expect(() => algorithm.predict(model(), wrong)).toThrow(/"channel"/);
    expect(() => algorithm.explain(model(), wrong, 0)).toThrow(/"channel"/);
  });

  const dropped: FeatureTable = { ...test, features: test.features.filter((_, j) => j !== NOISE) };
  it(`${name}: refuses a table with a feature missing, in predict and explain`, () => {
    expect(() => algorithm.predict(model(), dropped)).toThrow(MlRangeError);
    expect(() => algorithm.explain(model(), dropped, 0)).toThrow(MlRangeError);
  });

  it(`${name}: names the missing feature`, () => {
    expect(() => algorithm.predict(model(), dropped)).toThrow(/"noise"/);
  });

  it(`${name}: raising a numeric with a strong positive effect raises the probability on average`, () => {
    const raised: FeatureTable = { ...test, features: test.features.map((f, j) => (j === SPEND && f.kind === "numeric" ? { ...f, values: f.values.map((v) => v + 1) } : f)) };
    const before = algorithm.predict(model(), test);
    const after = algorithm.predict(model(), raised);
    expect(mean(after) - mean(before)).toBeGreaterThan(0.05);
  });

  it(`${name}: fit refuses labels of a single class, or not 0/1, saying why`, () => {
    expect(() => fit({ ...train, label: new Uint8Array(train.rows) })).toThrow(MlRangeError);
    expect(() => fit({ ...train, label: new Uint8Array(train.rows).fill(1) })).toThrow(/both classes/);
    const two = train.label.slice();
    two[3] = 2;
    expect(() => fit({ ...train, label: two })).toThrow(MlRangeError);
    expect(() => fit({ ...train, label: two })).toThrow(/0 or 1/);
  });
}
