// npm run bench:recs -- [--data-dir DIR] [--skip-retail] [--skip-movielens] [--skip-serving] [--quiet]
// Offline evaluation of every registered recommender on the shared data sets:
// 1. MovieLens 100k, one per-user 75/25 split made here, beside a NumPy/SciPy reference
//    (scripts/bench/recs_reference.py, Debian's python3-numpy and python3-scipy; benchmark only) that reads
//    the same split from files: nDCG@10, precision, recall, MAP, coverage and time, with published anchors.
// 2. UCI Online Retail, time split at 2011-11-01, "new items only" and "all purchases" relevance.
// 3. Serving latency (p50/p95) through the stored models at 100,000 customers × 5,000 products, on the
//    benchmark shop bench:segment generates (data/bench/segment-100k.db; generated here when missing).
// Skips with a message when ../shared/data is absent; the reference part alone skips without numpy/scipy.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureLargeShop } from "./bench/large-shop";
import { benchMovieLens } from "./bench/recs-movielens";
import { benchRetail } from "./bench/recs-retail";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "../shared/data" },
    "skip-retail": { type: "boolean", default: false },
    "skip-movielens": { type: "boolean", default: false },
    "skip-serving": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});
const dataDir = path.resolve(values["data-dir"]!);
// Progress on stderr, so stdout is the report alone.
const log = values.quiet ? () => {} : (line: string) => console.error(`  ${line}`);

console.log(`${os.cpus().length} cores, Node ${process.versions.node}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
if (!existsSync(dataDir)) {
  console.log(`Skipping bench:recs: ${dataDir} is absent (it holds movielens_100k/ and online_retail/).`);
  process.exit(0);
}
const movielens = path.join(dataDir, "movielens_100k/u.data");
const retail = path.join(dataDir, "online_retail/online_retail.csv.gz");
if (values["skip-movielens"]) console.log("Skipping MovieLens (--skip-movielens).");
else if (!existsSync(movielens)) console.log(`Skipping MovieLens: ${movielens} is absent.`);
else benchMovieLens(movielens, log);
if (values["skip-retail"]) console.log("Skipping Online Retail (--skip-retail).");
else if (!existsSync(retail)) console.log(`Skipping Online Retail: ${retail} is absent.`);
else await benchRetail(retail, log);

if (values["skip-serving"]) console.log("Skipping serving latency (--skip-serving).");
else benchServing();

function benchServing(): void {
  const { env } = ensureLargeShop();
  console.log("\n### Serving latency, 100,000 customers × 5,000 products (stored models, top 10 with reasons and exclusions)");
  const r = spawnSync("npx", ["tsx", "scripts/bench/recs-serving.ts"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error("serving bench failed");
  console.log(r.stdout.trim());
}
