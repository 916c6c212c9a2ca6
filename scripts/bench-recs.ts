// npm run bench:recs -- [--data-dir DIR] [--skip-retail] [--skip-movielens] [--quiet]
// Offline evaluation of every registered recommender on the shared data sets:
// 1. MovieLens 100k, one per-user 75/25 split made here, beside a NumPy/SciPy reference
//    (scripts/bench/recs_reference.py, Debian's python3-numpy and python3-scipy; benchmark only) that reads
//    the same split from files: nDCG@10, precision, recall, MAP, coverage and time, with published anchors.
// 2. UCI Online Retail, time split at 2011-11-01, "new items only" and "all purchases" relevance.
// Skips with a message when ../shared/data is absent; the reference part alone skips without numpy/scipy.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchMovieLens } from "./bench/recs-movielens";
import { benchRetail } from "./bench/recs-retail";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "../shared/data" },
    "skip-retail": { type: "boolean", default: false },
    "skip-movielens": { type: "boolean", default: false },
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
else benchRetail(retail, log);
