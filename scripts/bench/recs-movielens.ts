// bench:recs part 1: MovieLens 100k, one per-user 75/25 random split (seed 42) made here and written to
// files the NumPy reference reads, so both sides rank the very same held-out items.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { evaluateRecommenders, scoreLists, type AlgorithmScores, type Candidate, type EvaluationRow } from "../../lib/ml/recs/eval/evaluate";
import { itemPopularity } from "../../lib/ml/recs/eval/metrics";
import { evaluationSetOf, randomHoldOut, type EvaluationSet, type Split } from "../../lib/ml/recs/eval/splits";
import { RECOMMENDERS } from "../../lib/ml/recs/registry";
import type { AlgorithmName } from "../../lib/ml/recs/types";
import { readMovieLens } from "../recs/datasets";
import { f2, f4, goal, okRow, referenceMissing, runReference, scoreHeader, scoreRow, tunedCandidates, writeLog, type ReferenceRun } from "./recs-report";

const K = 10;
/** The reference's settings; ours are fitted with the same ones. */
const SAME_AS_REFERENCE: Partial<Record<AlgorithmName, unknown>> = { "item-knn": { neighbours: 100 }, "user-knn": { neighbours: 50 }, ease: { lambda: 500 } };
const REFERENCE = ["popularity", "item-knn", "user-knn", "ease"] as const;
const PUBLISHED: Record<string, number> = { popularity: 0.249, "item-knn": 0.425, "user-knn": 0.424, ease: 0.478 };
const OTHERS_PUBLISHED = "Microsoft Recommenders on MovieLens 100k: SAR 0.383, BPR 0.442, BiVAE 0.475";
/** Validation grids for tune.ts (on the training part only). */
const TUNE: Partial<Record<AlgorithmName, unknown[]>> = {
  ease: [50, 100, 200, 500, 1000, 2000].map((lambda) => ({ lambda })),
  als: [20, 50, 100].flatMap((regularization) => [5, 10].map((alpha) => ({ regularization, alpha }))),
};

export function benchMovieLens(file: string, log: (line: string) => void): void {
  const data = readMovieLens(file);
  const size = { users: data.userIds.length, items: data.itemIds.length };
  const split = randomHoldOut(data.log, { ...size, fraction: 0.25, seed: 42 });
  const set = evaluationSetOf(split, "all", { itemText: data.itemText });
  console.log(`\n## MovieLens 100k: ${size.users} users × ${size.items} items, per-user 75/25 random split (seed 42): ${split.train.user.length} training rows, ${split.test.user.length} held out; ${set.heldOut.users.length} users; k = ${K}, training items excluded`);

  const ref = reference(split, size);
  const ours = evaluateRecommenders(candidates(), set, { k: K, excludeSeen: true, onProgress: log, keepLists: true });
  const tuned = evaluateRecommenders(tunedCandidates(TUNE, set.train, K, log), set, { k: K, excludeSeen: true, onProgress: log });
  const all = [...ours, ...tuned];

  console.log(`\n### Side by side with the NumPy reference (${ref ? "same split, same definitions" : "reference not run"})`);
  console.log("| algorithm | ours nDCG@10 | ref nDCG@10 | published | ours P@10 | ref P@10 | ours R@10 | ref R@10 | ours MAP@10 | ref MAP@10 | ours cov. | ref cov. | ours fit+rec s | ref s | ref s, 1 thread | identical lists |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const name of REFERENCE) console.log(sideBySide(name, okRow(ours, name), ref));
  console.log(`published anchors, NumPy reference on a per-user 75/25 split: ${Object.entries(PUBLISHED).map(([n, v]) => `${n} ${v}`).join(", ")}; ${OTHERS_PUBLISHED}`);
  if (ref) console.log(`check: the reference's lists scored by our metrics differ from its own figures by at most ${metricGap(ref.run, set).toExponential(1)}`);

  console.log(`\n### Every registered recommender (defaults unless noted)\n${scoreHeader(K)}`);
  for (const r of all) console.log(scoreRow(r, K));
  goals(all, ref);
}

function candidates(): Candidate[] {
  return Object.entries(RECOMMENDERS).map(([name, recommender]) => ({ name, recommender: recommender!, fitOptions: SAME_AS_REFERENCE[name as AlgorithmName] }));
}

interface Reference {
  run: ReferenceRun;
  oneThread: ReferenceRun;
}

function reference(split: Split, size: { users: number; items: number }): Reference | null {
  const missing = referenceMissing();
  if (missing) {
    console.log(`Skipping the NumPy reference: ${missing}.`);
    return null;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-recs-"));
  try {
    const train = path.join(dir, "train.tsv");
    const test = path.join(dir, "test.tsv");
    writeLog(split.train, train);
    writeLog(split.test, test);
    const job = { train, test, ...size, k: K, algorithms: REFERENCE, item_neighbours: 100, user_neighbours: 50, lambda: 500 };
    // BLAS on every core (its default), then on one, as ours runs on one.
    return { run: runReference(job), oneThread: runReference(job, 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reference's lists scored by our metrics: the largest gap from its own figures (both must agree). */
function metricGap(run: ReferenceRun, set: EvaluationSet): number {
  if (run.users.join() !== Array.from(set.heldOut.users).join()) throw new Error("the reference evaluated other users than ours");
  const popularity = itemPopularity(set.train.matrix);
  let gap = 0;
  for (const a of run.algorithms) {
    const s = scoreLists(a.lists, set.heldOut, K, popularity);
    for (const key of ["precision", "recall", "ndcg", "map", "hitRate", "coverage"] as const) gap = Math.max(gap, Math.abs(s[key] - a[key]));
  }
  return gap;
}

function sideBySide(name: string, ours: AlgorithmScores | undefined, ref: Reference | null): string {
  const r = ref?.run.algorithms.find((a) => a.name === name);
  const r1 = ref?.oneThread.algorithms.find((a) => a.name === name);
  const same = ours?.lists && r ? ours.lists.filter((l, u) => Array.from(l).join() === r.lists[u]!.join()).length / ours.lists.length : undefined;
  const oursSeconds = ours ? ours.fitSeconds + ours.recommendSeconds : undefined;
  const pair = (a: number | undefined, b: number | undefined) => `${f4(a)} | ${f4(b)}`;
  return `| ${name} | ${pair(ours?.ndcg, r?.ndcg)} | ${PUBLISHED[name]} | ${pair(ours?.precision, r?.precision)} | ${pair(ours?.recall, r?.recall)} | ${pair(ours?.map, r?.map)} | ${pair(ours?.coverage, r?.coverage)} | ${f2(oursSeconds)} | ${f2(r?.seconds)} | ${f2(r1?.seconds)} | ${same === undefined ? "—" : `${(same * 100).toFixed(1)}%`} |`;
}

function goals(rows: readonly EvaluationRow[], ref: Reference | null): void {
  const near = (name: string) => {
    const ours = okRow(rows, name);
    const r = ref?.run.algorithms.find((a) => a.name === name);
    if (!ours || !r) return { met: null, text: `${name} not available` };
    return { met: Math.abs(ours.ndcg - r.ndcg) <= 0.005, text: `${name} ${f4(ours.ndcg)} vs ${f4(r.ndcg)}` };
  };
  const knn = near("item-knn");
  const ease = near("ease");
  console.log(`goal item-kNN and EASE within 0.005 nDCG@10 of the reference: ${goal(knn.met === null || ease.met === null ? null : knn.met && ease.met)} (${knn.text}; ${ease.text})`);
  const best = rows.filter((r): r is AlgorithmScores => r.ok).sort((a, b) => b.ndcg - a.ndcg)[0];
  console.log(`goal our best model ≥ 0.48 nDCG@10: ${goal(best ? best.ndcg >= 0.48 : null)} (${best ? `${best.name} ${f4(best.ndcg)}` : "no model"})`);
  const ratios = REFERENCE.flatMap((name) => {
    const ours = okRow(rows, name);
    const r = ref?.run.algorithms.find((a) => a.name === name);
    return ours && r ? [{ name, ours: ours.fitSeconds + ours.recommendSeconds, ref: r.seconds }] : [];
  });
  const worst = ratios.sort((a, b) => b.ours / b.ref - a.ours / a.ref)[0];
  const total = ratios.reduce((s, r) => s + r.ours, 0) / ratios.reduce((s, r) => s + r.ref, 0);
  const each = ratios.map((r) => `${r.name} ${(r.ours / r.ref).toFixed(2)}×`).join(", ");
  console.log(`goal our fit + score ≤ 3× the reference's time, per algorithm (its BLAS on all cores): ${goal(worst ? worst.ours / worst.ref <= 3 : null)} (${each || "no reference"}${ratios.length ? `; all four together ${total.toFixed(2)}×` : ""})`);
}
