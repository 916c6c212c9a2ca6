// npm run bench:import -- [--runs N] [--runs-5m N] [--skip-5m] [--data-dir DIR]
// CSV import speed and memory, measured as a user sees them: the real CLI in a child process, each run
// into a fresh SQLite database under data/bench/. Beside it, the floor: the sqlite3 shell's `.import` of
// the same file into a bare table. Exits 1 only when an import fails or its counts are wrong; goals that
// are not met are reported, not failed.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CountError, expectCounts, importThroughCli, type CliImport } from "./bench/cli-import";
import { ensureEventsFile } from "./bench/events-file";
import { hasCommand, int, median, removeDatabase } from "./bench/measure";
import { gunzipTo, importWithSqlite3 } from "./bench/sqlite-floor";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "runs-5m": { type: "string", default: "1" },
    "skip-5m": { type: "boolean", default: false },
    "data-dir": { type: "string", default: path.resolve("..", "shared", "data") },
  },
});
const runs = Number(values.runs);
const runs5m = Number(values["runs-5m"]);
if (!(Number.isInteger(runs) && runs >= 1 && Number.isInteger(runs5m) && runs5m >= 1)) throw new RangeError(`--runs and --runs-5m take a whole number ≥ 1, got ${values.runs} and ${values["runs-5m"]}`);

const BENCH = path.resolve("data", "bench");
const RETAIL = path.join(values["data-dir"]!, "online_retail", "online_retail.csv.gz");
const RETAIL_ROWS = 541_909;
const EVENTS = path.join(BENCH, "events-5m.csv");
const EVENTS_SPEC = { rows: 5_000_000, customers: 100_000, products: 5_000, seed: 20_251_122 };
const GOAL_ROWS_PER_S = 100_000;
const GOAL_RSS_MB = 400;
const log = (line: string) => console.error(line);

interface Row {
  label: string;
  rows: number;
  seconds: number;
  wallSeconds: number | null;
  peakRssMb: number | null;
  floorSeconds?: number;
}

/** The median of each figure over the runs (each figure on its own, so they may come from different runs). */
function summarise(label: string, results: readonly { rows: number; seconds: number; wallSeconds: number; peakRssMb: number | null }[]): Row {
  const rss = results.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  return { label, rows: results[0]!.rows, seconds: median(results.map((r) => r.seconds)), wallSeconds: median(results.map((r) => r.wallSeconds)), peakRssMb: rss.length ? median(rss) : null };
}

async function timeCli(label: string, kind: string, file: string, db: string, n: number, check: (r: CliImport) => void): Promise<Row> {
  const results = [];
  for (let i = 1; i <= n; i++) {
    const r = await importThroughCli(kind, file, db, { fresh: true });
    check(r);
    const s = r.summary;
    log(`${label} run ${i}/${n}: ${s.seconds} s import, ${r.wallSeconds.toFixed(1)} s wall, ${int(s.rowsRead / s.seconds)} rows/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? "?"} MB; ` +
      `inserted ${int(s.inserted)}, rejected ${int(s.rejected)}, customersCreated ${int(s.details.customersCreated ?? 0)}, productsCreated ${int(s.details.productsCreated ?? 0)}`);
    results.push({ rows: s.rowsRead, seconds: s.seconds, wallSeconds: r.wallSeconds, peakRssMb: r.peakRssMb });
  }
  return summarise(label, results);
}

async function timeFloor(label: string, csv: string, expectedRows: number): Promise<Row | null> {
  if (!hasCommand("sqlite3")) {
    log(`${label}: skipped, the sqlite3 shell is not installed (apt-get install -y sqlite3)`);
    return null;
  }
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const r = await importWithSqlite3(csv, path.join(BENCH, "floor.db"));
    if (r.rows !== expectedRows) throw new CountError(`${label}: sqlite3 loaded ${r.rows} rows, expected ${expectedRows}`);
    log(`${label} run ${i}/${runs}: ${r.wallSeconds.toFixed(2)} s, ${int(r.rows / r.wallSeconds)} rows/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? "?"} MB`);
    results.push({ rows: r.rows, seconds: r.wallSeconds, wallSeconds: r.wallSeconds, peakRssMb: r.peakRssMb });
  }
  return summarise(label, results);
}

async function benchOnlineRetail(): Promise<Row[]> {
  const db = path.join(BENCH, "import-online-retail.db");
  const rows: Row[] = [];
  const first = await timeCli("Online Retail import", "transactions", RETAIL, db, runs, (r) =>
    expectCounts("Online Retail", r.summary, { rowsRead: RETAIL_ROWS, customersCreated: 4_372, productsCreated: 4_070 }),
  );
  const again = await importThroughCli("transactions", RETAIL, db, { fresh: false });
  expectCounts("Online Retail re-import", again.summary, { rowsRead: RETAIL_ROWS, inserted: 0, customersCreated: 0, productsCreated: 0 });
  log(`Online Retail re-import: ${again.summary.seconds} s, inserted ${again.summary.inserted}, unchanged ${int(again.summary.unchanged)}, updated ${int(again.summary.updated)}, rejected ${again.summary.rejected}`);
  const reimport: Row = { label: "Online Retail re-import (inserted 0)", rows: again.summary.rowsRead, seconds: again.summary.seconds, wallSeconds: again.wallSeconds, peakRssMb: again.peakRssMb };
  removeDatabase(db);
  rmSync(path.join(BENCH, "imports"), { recursive: true, force: true });

  const csv = path.join(BENCH, "online-retail.csv");
  await gunzipTo(RETAIL, csv);
  try {
    const floor = await timeFloor("Online Retail floor", csv, RETAIL_ROWS);
    rows.push({ ...first, floorSeconds: floor?.seconds }, { ...reimport, floorSeconds: floor?.seconds });
    if (floor) rows.push({ ...floor, label: "Online Retail floor: sqlite3 .import" });
  } finally {
    rmSync(csv, { force: true });
  }
  return rows;
}

async function benchEvents(): Promise<Row[]> {
  const meta = ensureEventsFile(EVENTS, EVENTS_SPEC, log);
  const db = path.join(BENCH, "import-events-5m.db");
  const ours = await timeCli("Events 5M import", "events", EVENTS, db, runs5m, (r) =>
    expectCounts("Events 5M", r.summary, { rowsRead: meta.rows, inserted: meta.rows, rejected: 0, customersCreated: meta.distinctCustomers }),
  );
  removeDatabase(db);
  const floor = await timeFloor("Events 5M floor", EVENTS, meta.rows);
  return [{ ...ours, floorSeconds: floor?.seconds }, ...(floor ? [{ ...floor, label: "Events 5M floor: sqlite3 .import" }] : [])];
}

// Other work on a shared machine slows imports down; the load average says whether a run was quiet.
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const loadAtStart = load();

function printTable(rows: readonly Row[]): void {
  const mb = (x: number | null) => (x === null ? "?" : int(x));
  console.log(`\n${os.cpus().length} cores, Node ${process.versions.node}; load average 1/5/15 min at start ${loadAtStart}, at end ${load()}`);
  console.log(`median of ${runs} run(s) for Online Retail and the floors, ${runs5m} for the 5M events; seconds = the import's own time (the JSON summary's \`seconds\`), wall = \`npm run -s cli -- import …\` from its start to its exit`);
  console.log("| case | rows | seconds | rows/s in process | wall s | rows/s end to end | peak RSS MB | vs floor (wall) |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const vs = r.floorSeconds ? `${(endToEnd(r) / r.floorSeconds).toFixed(1)}×` : r.label.includes("floor") ? "1.0×" : "–";
    console.log(`| ${r.label} | ${int(r.rows)} | ${r.seconds.toFixed(2)} | ${int(r.rows / r.seconds)} | ${r.wallSeconds === null ? "–" : r.wallSeconds.toFixed(1)} | ${int(r.rows / endToEnd(r))} | ${mb(r.peakRssMb)} | ${vs} |`);
  }
}

/** The measure: from the shell command's start to its exit (the import's own time for the floors). */
const endToEnd = (r: Row) => r.wallSeconds ?? r.seconds;

function printGoals(rows: readonly Row[]): void {
  const imports = rows.filter((r) => r.label.endsWith(" import"));
  const speed = imports.map((r) => `${r.label} ${r.rows / endToEnd(r) >= GOAL_ROWS_PER_S ? "met" : "not met"} (${int(r.rows / endToEnd(r))} rows/s end to end, ${int(r.rows / r.seconds)} in process)`);
  console.log(`goal ≥ ${int(GOAL_ROWS_PER_S)} rows/s end to end: ${speed.join("; ")}`);
  const big = rows.find((r) => r.label === "Events 5M import");
  const rss = !big ? "not measured (--skip-5m)" : big.peakRssMb === null ? "not measured (no /usr/bin/time)" : `${big.peakRssMb < GOAL_RSS_MB ? "met" : "not met"} (${int(big.peakRssMb)} MB)`;
  console.log(`goal peak RSS < ${GOAL_RSS_MB} MB on 5M lines: ${rss}`);
}

async function main(): Promise<void> {
  if (!existsSync(RETAIL)) throw new Error(`no Online Retail file at ${RETAIL} (pass --data-dir with the folder that holds online_retail/)`);
  mkdirSync(BENCH, { recursive: true });
  const rows = await benchOnlineRetail();
  if (!values["skip-5m"]) rows.push(...(await benchEvents()));
  printTable(rows);
  printGoals(rows);
}

main().catch((e: unknown) => {
  console.error(`bench:import failed${e instanceof CountError ? " (wrong counts)" : ""}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
