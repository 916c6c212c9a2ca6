// What bench:recs's two parts share: the reference's run, fitting a model once for several held-out sets,
// and Markdown rows in the style of BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { AlgorithmScores, Candidate, EvaluationRow } from "../../lib/ml/recs/eval/evaluate";
import { tuneRecommender } from "../../lib/ml/recs/eval/tune";
import { RECOMMENDERS } from "../../lib/ml/recs/registry";
import type { AlgorithmName, InteractionLog, ModelHeader, Recommender, TrainingData } from "../../lib/ml/recs/types";

export const PY = "/usr/bin/python3";

export interface ReferenceRow {
  name: string;
  seconds: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  lists: number[][];
}

export interface ReferenceRun {
  users: number[];
  algorithms: ReferenceRow[];
}

/** Why the NumPy reference cannot run here, or null when it can. */
export function referenceMissing(): string | null {
  const r = spawnSync(PY, ["-c", "import numpy, scipy"], { encoding: "utf8" });
  if (r.error) return `${PY} is missing (Debian: apt-get install -y python3-numpy python3-scipy)`;
  return r.status === 0 ? null : `numpy or scipy is missing for ${PY} (Debian: apt-get install -y python3-numpy python3-scipy)`;
}

export function runReference(job: object, threads?: number): ReferenceRun {
  const env = threads ? { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) } : process.env;
  const r = spawnSync(PY, ["scripts/bench/recs_reference.py"], { input: JSON.stringify(job), encoding: "utf8", env, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the NumPy reference failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as ReferenceRun;
}

/** Writes a log as the reference reads it: tab-separated dense `user item weight time`, one row a line. */
export function writeLog(log: InteractionLog, file: string): void {
  const lines = Array.from(log.user, (u, r) => `${u}\t${log.item[r]}\t${log.weight[r]}\t${log.time[r]}`);
  writeFileSync(file, lines.join("\n") + "\n");
}

/**
 * The same recommender, but a second fit on the very same data and options returns the first model: two
 * held-out sets over one training set (new items, all purchases) then cost one fit.
 */
export function fitOnce<M extends ModelHeader, O>(rec: Recommender<M, O>): Recommender<M, O> {
  let last: { data: unknown; options: unknown; model: M } | null = null;
  return {
    ...rec,
    fit(data, options) {
      if (last && last.data === data && last.options === options) return last.model;
      const model = rec.fit(data, options);
      last = { data, options, model };
      return model;
    },
  };
}

/**
 * For each registered algorithm with a grid: the option set tune.ts picks on a per-user validation split of
 * the training data (seed 7), printed with every trial, as a candidate named "<name> <options> (tuned)".
 */
export function tunedCandidates(grids: Partial<Record<AlgorithmName, unknown[]>>, train: TrainingData, k: number, log: (line: string) => void): Candidate[] {
  const out: Candidate[] = [];
  for (const [name, grid] of Object.entries(grids)) {
    const rec = RECOMMENDERS[name as AlgorithmName];
    if (!rec || !grid) continue;
    const t = performance.now();
    const tuned = tuneRecommender(rec, train, grid, { k, seed: 7, onProgress: log });
    const trials = tuned.tried.map((x) => `${JSON.stringify(x.options)} ${x.result.ok ? f4(x.result.ndcg) : "failed"}`).join("; ");
    console.log(`tuned ${name} on a validation split of the training part (${((performance.now() - t) / 1000).toFixed(1)} s): ${trials} → ${JSON.stringify(tuned.best)}`);
    out.push({ name: `${name} ${JSON.stringify(tuned.best)} (tuned)`, recommender: rec, fitOptions: tuned.best });
  }
  return out;
}

export const f4 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(4));
export const f2 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(2));

export function scoreRow(r: EvaluationRow, k: number): string {
  if (!r.ok) return `| ${r.name} | failed: ${r.error} |`;
  return `| ${r.name} | ${f4(r.ndcg)} | ${f4(r.precision)} | ${f4(r.recall)} | ${f4(r.map)} | ${f4(r.hitRate)} | ${f4(r.coverage)} | ${f4(r.popularityBias)} | ${f2(r.fitSeconds)} | ${f2(r.recommendSeconds)} |`.replace(/@k/g, `@${k}`);
}

export function scoreHeader(k: number): string {
  return `| algorithm | nDCG@${k} | P@${k} | R@${k} | MAP@${k} | hit@${k} | coverage | pop. bias | fit s | rec. s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`;
}

export function okRow(rows: readonly EvaluationRow[], name: string): AlgorithmScores | undefined {
  const r = rows.find((x) => x.name === name);
  return r?.ok ? r : undefined;
}

export const goal = (met: boolean | null) => (met === null ? "not available" : met ? "met" : "not met");
