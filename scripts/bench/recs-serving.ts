// Serving latency on the 100,000-customer, 5,000-product benchmark shop (run by bench-recs.ts in a child
// whose DATABASE_URL points at data/bench/segment-100k.db): train through the real job, load the stored
// models as the server does, then time recommendFromModels (history, exclusions, top 10, reasons in words)
// for 1,000 seeded random customers per algorithm.
import { getDb } from "../../lib/db/client";
import { closeDirect } from "../../lib/db/direct";
import { createRng } from "../../lib/ml/random";
import type { AlgorithmName } from "../../lib/ml/recs/types";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { loadServingModels, recommendFromModels } from "../../lib/services/recs/serving";
import { TRAINING_JOB } from "../../lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "../../lib/services/jobs/runner";
import { DEFAULT_INTERACTIONS } from "../../lib/services/recs/training-data";

const json = process.argv.includes("--json");
const ALGORITHMS = (process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "popularity,trending,segment-popularity,item-knn,user-knn,content,als,buy-again,hybrid").split(",") as AlgorithmName[];
const SAMPLE = 1_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

await prepareDatabase({ seedIfEmpty: false });
let t = performance.now();
const runId = await enqueueJob(TRAINING_JOB, { interactions: DEFAULT_INTERACTIONS, algorithms: ALGORITHMS, tune: false });
await runJobHere(runId);
const trainSeconds = (performance.now() - t) / 1000;
t = performance.now();
const m = await loadServingModels();
if (!m || m.runId !== runId) throw new Error("training did not store a model run; see the server log above");
const loadSeconds = (performance.now() - t) / 1000;
console.log(`Trained ${ALGORITHMS.join(", ")} on ${m.stored.interactions.toLocaleString("en-GB")} customer–product pairs (${m.stored.users.toLocaleString("en-GB")} customers × ${m.stored.items.toLocaleString("en-GB")} products) in ${trainSeconds.toFixed(1)} s (fit seconds: ${Object.entries(m.stored.fitSeconds).map(([a, s]) => `${a} ${s!.toFixed(1)}`).join(", ")}); loaded and parsed in ${loadSeconds.toFixed(1)} s.`);
const rng = createRng(11);
const customers = Array.from({ length: SAMPLE }, () => m.customerIds[Math.floor(rng.next() * m.customerIds.length)]!);
console.log(`\n| algorithm | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|`);
const p95s: number[] = [];
const p50s: number[] = [];
for (const a of ALGORITHMS) {
  for (const id of customers.slice(0, 20)) await recommendFromModels(m, id, a, 10); // warm-up
  const times: number[] = [];
  for (const id of customers) {
    const s = performance.now();
    await recommendFromModels(m, id, a, 10);
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  p95s.push(quantile(times, 0.95));
  p50s.push(quantile(times, 0.5));
  console.log(`| ${a} | ${quantile(times, 0.5).toFixed(2)} | ${quantile(times, 0.95).toFixed(2)} | ${times[times.length - 1]!.toFixed(2)} |`);
}
if (json) {
  const fit = Object.fromEntries(Object.entries(m.stored.fitSeconds).map(([a, s]) => [a, Math.round(s! * 10) / 10]));
  console.log(JSON.stringify({ trainSeconds, loadSeconds, interactions: m.stored.interactions, users: m.stored.users, items: m.stored.items, fitSeconds: fit, serving: ALGORITHMS.map((a, i) => ({ algorithm: a, p50Ms: p50s[i], p95Ms: p95s[i] })) }));
}
await closeDirect();
await getDb().$disconnect();
console.log(`goal p95 under 50 ms at 100,000 customers × 5,000 products: ${Math.max(...p95s) < 50 ? "met" : "not met"} (worst p95 ${Math.max(...p95s).toFixed(2)} ms)`);
