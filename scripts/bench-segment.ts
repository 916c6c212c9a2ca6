// npm run bench:segment -- [--data-dir DIR] [--repeats N] [--skip-db]
// Our k-means beside scikit-learn's (Debian's python3-sklearn, benchmark only) on the same matrices:
// 1. UCI Online Retail customers' R, F, M (log1p, z-scored), k = 2…8, 10 restarts each: inertia ratio.
// 2. 100,000 × 10 overlapping Gaussian clusters, k = 8, one seeding: seconds per fit.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fitKMeans } from "../lib/ml/kmeans";
import type { Matrix } from "../lib/ml/matrix";
import { fitTransform } from "../lib/ml/transforms";
import { gaussianBlobs } from "./bench/gaussian-blobs";
import { ensureLargeShop } from "./bench/large-shop";
import { median } from "./bench/measure";
import { retailRfm } from "./bench/retail-rfm";

const { values } = parseArgs({ options: { "data-dir": { type: "string", default: "../shared/data" }, repeats: { type: "string", default: "3" }, "skip-db": { type: "boolean", default: false } } });
const repeats = Number(values.repeats);
const BENCH = path.resolve("data/bench");
const PY = "/usr/bin/python3";

function sklearn(file: string, ks: number[], nInit: number, reps: number, threads?: number): { k: number; inertia: number; seconds: number; iterations: number }[] {
  const env = threads ? { ...process.env, OMP_NUM_THREADS: String(threads) } : process.env;
  const r = spawnSync(PY, ["scripts/bench/kmeans_reference.py"], { input: JSON.stringify({ file, ks, n_init: nInit, repeats: reps }), encoding: "utf8", env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`scikit-learn reference failed (install it with: apt-get install -y python3-sklearn):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function writeMatrix(m: Matrix, file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < m.rows; i++) lines.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (v) => v.toPrecision(17)).join(","));
  writeFileSync(file, lines.join("\n") + "\n");
}

const fmt = (x: number, d = 4) => x.toFixed(d);
mkdirSync(BENCH, { recursive: true });
console.log(`${os.cpus().length} cores, Node ${process.versions.node}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);

// 1. Online Retail RFM.
const retail = path.join(path.resolve(values["data-dir"]!), "online_retail/online_retail.csv.gz");
if (!existsSync(retail)) {
  console.log(`Skipping the Online Retail case: ${retail} is absent.`);
} else {
  const rfm = retailRfm(retail);
  const { X } = fitTransform(rfm, "log1p-zscore");
  const file = path.join(BENCH, "retail-rfm.csv");
  writeMatrix(X, file);
  const ks = [2, 3, 4, 5, 6, 7, 8];
  const ref = sklearn(file, ks, 10, 1);
  console.log(`\nOnline Retail: ${rfm.rows} customers with purchases; R, F, M log1p + z-scored; 10 restarts each`);
  console.log("| k | ours inertia | scikit-learn inertia | ours / sklearn | ours s | sklearn s |\n|---:|---:|---:|---:|---:|---:|");
  let worst = 0;
  for (const k of ks) {
    const t = performance.now();
    const ours = fitKMeans(X, { k, restarts: 10, seed: 42 }).model;
    const s = (performance.now() - t) / 1000;
    const theirs = ref.find((r) => r.k === k)!;
    const ratio = ours.inertia / theirs.inertia;
    worst = Math.max(worst, Math.abs(ratio - 1));
    console.log(`| ${k} | ${fmt(ours.inertia)} | ${fmt(theirs.inertia)} | ${fmt(ratio, 5)} | ${fmt(s, 3)} | ${fmt(theirs.seconds, 3)} |`);
  }
  console.log(`goal inertia within 0.5% of scikit-learn for k = 2…8: ${worst <= 0.005 ? "met" : "not met"} (largest gap ${(worst * 100).toFixed(3)}%)`);
}

// 2. 100,000 × 10 Gaussian blobs, k = 8, one seeding per fit.
const blobs = gaussianBlobs({ rows: 100_000, cols: 10, clusters: 8, spread: 2.5, seed: 7 });
const blobFile = path.join(BENCH, "blobs-100k-10.csv");
writeMatrix(blobs, blobFile);
const oursTimes: number[] = [];
const oursInertia: number[] = [];
for (let r = 0; r < repeats; r++) {
  const t = performance.now();
  const m = fitKMeans(blobs, { k: 8, restarts: 1, seed: r }).model;
  oursTimes.push((performance.now() - t) / 1000);
  oursInertia.push(m.inertia);
}
const ref2 = sklearn(blobFile, [8], 1, repeats);
const ref1 = sklearn(blobFile, [8], 1, repeats, 1);
const med = (xs: number[]) => median(xs);
console.log(`\n100,000 × 10 overlapping Gaussian clusters, k = 8, one seeding per fit, ${repeats} fits (medians)`);
console.log("| implementation | seconds per fit | inertia |\n|---|---:|---:|");
console.log(`| ours (Node, 1 thread) | ${fmt(med(oursTimes), 3)} | ${fmt(med(oursInertia), 1)} |`);
console.log(`| scikit-learn, OpenMP on ${os.cpus().length} threads | ${fmt(med(ref2.map((r) => r.seconds)), 3)} | ${fmt(med(ref2.map((r) => r.inertia)), 1)} |`);
console.log(`| scikit-learn, 1 thread | ${fmt(med(ref1.map((r) => r.seconds)), 3)} | ${fmt(med(ref1.map((r) => r.inertia)), 1)} |`);
const goal = med(oursTimes) <= med(ref2.map((r) => r.seconds));
console.log(`goal time per fit no slower than scikit-learn's single fit: ${goal ? "met" : "not met"} (ours ${fmt(med(oursTimes), 3)} s, scikit-learn ${fmt(med(ref2.map((r) => r.seconds)), 3)} s)`);


// 3. End to end on the database: purchase history, features, RFM and k-means for 100,000 customers and
// 2,000,000 events (the demo generator at benchmark size; generated once into data/bench/).
if (!process.argv.includes("--skip-db")) {
  const { env } = ensureLargeShop();
  console.log("\n100,000 customers, 2,000,000 events: `cli segment` end to end (history, features, RFM, k-means with 10 restarts, silhouette)");
  console.log("| run | customers with purchases | k | seconds |\n|---|---:|---:|---:|");
  const times: number[] = [];
  for (const k of ["5", "auto"]) {
    const r = spawnSync("npx", ["tsx", "scripts/cli.ts", "segment", "--k", k, "--json"], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`segment failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { customers: number; k: number; seconds: number };
    times.push(out.seconds);
    console.log(`| --k ${k} | ${out.customers.toLocaleString("en-GB")} | ${out.k} | ${out.seconds} |`);
  }
  console.log(`goal features + RFM + k-means under 10 s at 100,000 customers / 2,000,000 events: ${Math.max(...times) < 10 ? "met" : "not met"}`);

  // Rule segment counts on the same database, in a child with its DATABASE_URL (env is read once).
  const counts = spawnSync("npx", ["tsx", "scripts/bench/rule-counts.ts"], { env, encoding: "utf8" });
  if (counts.status !== 0) throw new Error(`rule counts failed: ${counts.stderr}`);
  console.log("\nRule segment counts (median of 5)\n| rule | customers | ms |\n|---|---:|---:|");
  const rows = JSON.parse(counts.stdout) as { rule: string; customers: number; ms: number }[];
  for (const r of rows) console.log(`| ${r.rule} | ${r.customers.toLocaleString("en-GB")} | ${r.ms} |`);
  console.log(`goal a rule segment's count under 200 ms: ${rows.every((r) => r.ms < 200) ? "met" : "not met"}`);
}
