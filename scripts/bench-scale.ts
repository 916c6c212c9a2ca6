// npm run bench:scale -- [--db sqlite,postgresql] [--postgres URL] [--customers N] [--events N] [--products N]
//   [--campaign-audience N] [--fresh] [--only seed,rules,segment,recs,pages,import] [--runs N] [--algorithms a,b]
// The app at a million customers, on SQLite and on PostgreSQL, each step as a user or an operator runs it
// and measured from outside (wall time, peak RSS of the largest process):
//   seed     loading the generated shop (the CLI's `seed`): load time;
//   rules    rule-segment counts (goal under 500 ms);
//   segment  RFM and k-means end to end (the CLI's `segment`);
//   recs     recommender training through the real job, then serving p50/p95 for 1,000 customers;
//   pages    every page of the production build, signed in (goal under 2 s), with the server's peak RSS;
//   import   Online Retail imported into the full database (the CLI's `import transactions`): rows/s.
// Peak memory goal: every process under 2 GB. Results are kept per database and size in
// data/bench/scale-results.json, so a database measured on another day is shown beside the other with its date.
// PostgreSQL: --postgres (or BENCH_POSTGRES_URL, or TEST_POSTGRES_URL) names a server; the benchmark makes
// its own database `marketlens_scale` there (dropped and made again with --fresh). Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminQuery, withDatabase } from "../lib/db/postgres-admin";
import { importThroughCli } from "./bench/cli-import";
import { cliArgv, int, removeDatabase, runMeasured } from "./bench/measure";
import { BASE_PAGES, type PageTiming, requireBuild, signIn, startServer, timePages } from "./bench/page-timer";

const STEPS = ["seed", "rules", "segment", "recs", "pages", "import"] as const;
type Step = (typeof STEPS)[number];

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite,postgresql" },
    postgres: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "" },
    customers: { type: "string", default: "1000000" },
    events: { type: "string", default: "10000000" },
    products: { type: "string", default: "5000" },
    // At the full audience the demo makes about 8.6 campaign events per customer: 350,000 gives about 3,000,000.
    "campaign-audience": { type: "string", default: "350000" },
    fresh: { type: "boolean", default: false },
    only: { type: "string", default: STEPS.join(",") },
    runs: { type: "string", default: "3" },
    port: { type: "string", default: "3191" },
    // user-knn compares every pair of customers who share a product: hours at a million customers (44 s at 100,000).
    algorithms: { type: "string", default: "popularity,trending,segment-popularity,item-knn,content,als,buy-again,hybrid" },
    "data-dir": { type: "string", default: path.resolve("..", "shared", "data") },
  },
});

const size = { customers: Number(values.customers), events: Number(values.events), products: Number(values.products), campaignAudience: Number(values["campaign-audience"]) };
for (const [k, v] of Object.entries(size)) if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${k} takes a whole number ≥ 1, got ${v}`);
const runs = Number(values.runs);
const steps = new Set(values.only!.split(",").map((s) => s.trim()));
for (const s of steps) if (!(STEPS as readonly string[]).includes(s)) throw new RangeError(`--only: unknown step "${s}" (steps: ${STEPS.join(", ")})`);
const databases = values.db!.split(",").map((s) => s.trim());
for (const d of databases) if (d !== "sqlite" && d !== "postgresql") throw new RangeError(`--db takes sqlite and/or postgresql, got "${d}"`);
const RETAIL = path.join(values["data-dir"]!, "online_retail", "online_retail.csv.gz");
const BENCH = path.resolve("data", "bench");
const RESULTS = path.join(BENCH, "scale-results.json");
const sizeKey = `${size.customers}c-${size.events}e-${size.products}p-${size.campaignAudience}a`;
const GOAL_PAGE_MS = 2_000;
const GOAL_RULE_MS = 500;
const GOAL_RSS_MB = 2_048;
const log = (line: string) => console.error(line);

interface Figures {
  date?: string;
  commit?: string;
  seed?: { seconds: number; peakRssMb: number | null; customers: number; events: number; campaignEvents: number };
  rules?: { rule: string; customers: number; ms: number }[];
  segment?: { seconds: number; peakRssMb: number | null; customers: number };
  recs?: { seconds: number; peakRssMb: number | null; interactions: number; users: number; fitSeconds: Record<string, number>; serving: { algorithm: string; p50Ms: number; p95Ms: number }[] };
  pages?: { results: PageTiming[]; serverPeakRssMb: number | null };
  import?: { seconds: number; wallSeconds: number; rowsRead: number; peakRssMb: number | null };
}

function loadResults(): Record<string, Figures> {
  return existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, Figures>) : {};
}

function saveFigures(db: string, f: Figures): void {
  const all = loadResults();
  all[`${db} ${sizeKey}`] = { ...all[`${db} ${sizeKey}`], ...f };
  writeFileSync(RESULTS, JSON.stringify(all, null, 2));
}

/** A child process measured from outside; its last line that parses as JSON. */
async function measuredJson<T>(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ value: T; seconds: number; peakRssMb: number | null }> {
  const m = await runMeasured(cmd, args, env);
  if (m.code !== 0) throw new Error(`${label} exited ${m.code}:\n${m.stderr.trim().split("\n").slice(-15).join("\n")}`);
  const line = m.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{") || l.startsWith("["));
  if (!line) throw new Error(`${label} printed no JSON; stdout ended with: ${m.stdout.trim().slice(-300)}`);
  return { value: JSON.parse(line) as T, seconds: m.wallSeconds, peakRssMb: m.peakRssMb };
}

async function target(db: string): Promise<{ url: string; exists: boolean; reset: () => Promise<void> }> {
  if (db === "sqlite") {
    const file = path.join(BENCH, `scale-${sizeKey}.db`);
    return { url: `file:${file}`, exists: existsSync(file), reset: async () => removeDatabase(file) };
  }
  if (!values.postgres) throw new Error("PostgreSQL needs a server: pass --postgres postgresql://… (or set BENCH_POSTGRES_URL or TEST_POSTGRES_URL), or --db sqlite");
  const name = "marketlens_scale";
  const url = withDatabase(values.postgres, name);
  const reset = async () => {
    await adminQuery(values.postgres!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(values.postgres!, `CREATE DATABASE "${name}"`);
  };
  const probe = spawnSync("psql", [url, "-Atc", `SELECT count(*) FROM "Customer"`], { encoding: "utf8" });
  return { url, exists: probe.status === 0 && Number(probe.stdout.trim()) > 0, reset };
}

async function measure(db: string): Promise<Figures> {
  const t = await target(db);
  const env = { ...process.env, DATABASE_URL: t.url, NEXT_TELEMETRY_DISABLED: "1" };
  const f: Figures = { date: new Date().toISOString().slice(0, 10), commit: spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() };
  const run = (step: Step) => steps.has(step);
  const tsx = (script: string, ...args: string[]) => ["npx", ["tsx", script, ...args]] as const;

  if (run("seed") && (values.fresh || !t.exists)) {
    await t.reset();
    const migrate = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`db-migrate failed: ${migrate.stderr}`);
    log(`${db}: seeding ${int(size.customers)} customers, ${int(size.events)} events (campaigns reach ${int(size.campaignAudience)})…`);
    const s = await measuredJson<{ customers: number; events: number; campaignEvents: number }>("seed", "npm", [...cliArgv(), "seed", "--json", "--customers", String(size.customers), "--events", String(size.events), "--products", String(size.products), "--campaign-audience", String(size.campaignAudience), "--end-date", "2026-11-22"], env);
    f.seed = { seconds: s.seconds, peakRssMb: s.peakRssMb, customers: s.value.customers, events: s.value.events, campaignEvents: s.value.campaignEvents };
    log(`${db}: seeded in ${s.seconds.toFixed(0)} s, peak RSS ${s.peakRssMb?.toFixed(0) ?? "?"} MB, ${int(s.value.campaignEvents)} campaign events`);
    saveFigures(db, f);
  } else if (!t.exists) throw new Error(`${db}: no scale database yet; run with the seed step`);

  if (run("rules")) {
    const [cmd, args] = tsx("scripts/bench/rule-counts.ts");
    f.rules = (await measuredJson<Figures["rules"]>("rule counts", cmd, [...args], env)).value;
    log(`${db}: rule counts ${f.rules!.map((r) => `${r.ms} ms`).join(", ")}`);
    saveFigures(db, f);
  }
  if (run("segment")) {
    const s = await measuredJson<{ customers: number }>("segment", "npm", [...cliArgv(), "segment", "--k", "6", "--json"], env);
    f.segment = { seconds: s.seconds, peakRssMb: s.peakRssMb, customers: s.value.customers };
    log(`${db}: segment end to end ${s.seconds.toFixed(1)} s, peak RSS ${s.peakRssMb?.toFixed(0) ?? "?"} MB`);
    saveFigures(db, f);
  }
  if (run("recs")) {
    const [cmd, args] = tsx("scripts/bench/recs-serving.ts", values.algorithms!, "--json");
    const s = await measuredJson<NonNullable<Figures["recs"]>>("recs", cmd, [...args], env);
    f.recs = { ...s.value, seconds: s.seconds, peakRssMb: s.peakRssMb };
    log(`${db}: recommenders trained and served in ${s.seconds.toFixed(0)} s, peak RSS ${s.peakRssMb?.toFixed(0) ?? "?"} MB`);
    saveFigures(db, f);
  }
  if (run("pages")) {
    requireBuild();
    const [cmd, args] = tsx("scripts/bench/pages-prep.ts");
    const prep = (await measuredJson<{ segmentId: number; email: string; password: string }>("pages-prep", cmd, [...args], env)).value;
    const server = await startServer(env, Number(values.port));
    try {
      const cookie = await signIn(server.base, prep.email, prep.password);
      const results = await timePages(server.base, cookie, [...BASE_PAGES, `/segments/${prep.segmentId}`], runs);
      f.pages = { results, serverPeakRssMb: server.peakRssMb() };
      log(`${db}: slowest page ${Math.max(...results.map((r) => r.medianMs))} ms (median), server peak RSS ${f.pages.serverPeakRssMb?.toFixed(0) ?? "?"} MB`);
    } finally {
      server.stop();
    }
    saveFigures(db, f);
  }
  if (run("import")) {
    if (!existsSync(RETAIL)) throw new Error(`no Online Retail file at ${RETAIL} (pass --data-dir with the folder that holds online_retail/)`);
    const database = db === "sqlite" ? t.url.slice("file:".length) : t.url;
    const r = await importThroughCli("transactions", RETAIL, database, { fresh: false });
    f.import = { seconds: r.summary.seconds, wallSeconds: r.wallSeconds, rowsRead: r.summary.rowsRead, peakRssMb: r.peakRssMb };
    log(`${db}: Online Retail into the full database: ${int(r.summary.rowsRead / r.summary.seconds)} rows/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? "?"} MB`);
    saveFigures(db, f);
  }
  return f;
}

const fmt = (x: number | undefined | null, digits = 0) => (x === undefined || x === null ? "—" : x.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function report(): void {
  const all = loadResults();
  const dbs = (["sqlite", "postgresql"] as const).filter((d) => all[`${d} ${sizeKey}`]);
  const F = (d: string) => all[`${d} ${sizeKey}`]!;
  const head = `| | ${dbs.map((d) => `${d === "sqlite" ? "SQLite" : "PostgreSQL"} (${F(d).date ?? "?"}, ${F(d).commit ?? "?"})`).join(" | ")} |\n|---|${dbs.map(() => "---:").join("|")}|`;
  const row = (label: string, pick: (f: Figures) => string) => `| ${label} | ${dbs.map((d) => pick(F(d))).join(" | ")} |`;
  const lines = [
    `\n${int(size.customers)} customers, ${int(size.events)} events, ${int(size.products)} products, campaigns reaching ${int(size.campaignAudience)} customers`,
    head,
    row("campaign events", (f) => fmt(f.seed?.campaignEvents)),
    row("load (seed) s", (f) => fmt(f.seed?.seconds)),
    row("load peak RSS MB", (f) => fmt(f.seed?.peakRssMb)),
  ];
  const rules = F(dbs[0]!).rules ?? [];
  rules.forEach((r, i) => lines.push(row(`rule count ms: ${r.rule}`, (f) => (f.rules?.[i] ? `${f.rules[i].ms} (${int(f.rules[i].customers)})` : "—"))));
  lines.push(
    row("RFM + k-means end to end s", (f) => fmt(f.segment?.seconds, 1)),
    row("RFM + k-means peak RSS MB", (f) => fmt(f.segment?.peakRssMb)),
    row("recommender training + serving s", (f) => fmt(f.recs?.seconds)),
    row("recommender peak RSS MB", (f) => fmt(f.recs?.peakRssMb)),
    row("serving worst p95 ms", (f) => (f.recs ? `${fmt(Math.max(...f.recs.serving.map((s) => s.p95Ms)), 2)} (${f.recs.serving.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a)).algorithm})` : "—")),
    row("slowest page median ms", (f) => (f.pages ? `${fmt(Math.max(...f.pages.results.map((r) => r.medianMs)))} (${f.pages.results.reduce((a, b) => (b.medianMs > a.medianMs ? b : a)).page})` : "—")),
    row("server peak RSS MB", (f) => fmt(f.pages?.serverPeakRssMb)),
    row("Online Retail import rows/s", (f) => (f.import ? int(f.import.rowsRead / f.import.seconds) : "—")),
    row("Online Retail import peak RSS MB", (f) => fmt(f.import?.peakRssMb)),
  );
  const pages = F(dbs[0]!).pages?.results ?? [];
  if (pages.length) {
    lines.push(`\n| page (median ms) | ${dbs.map((d) => (d === "sqlite" ? "SQLite" : "PostgreSQL")).join(" | ")} |\n|---|${dbs.map(() => "---:").join("|")}|`);
    for (const p of pages) lines.push(row(`\`${p.page}\``, (f) => fmt(f.pages?.results.find((r) => r.page === p.page)?.medianMs)));
  }
  const rss = dbs.flatMap((d) => [F(d).seed?.peakRssMb, F(d).segment?.peakRssMb, F(d).recs?.peakRssMb, F(d).pages?.serverPeakRssMb, F(d).import?.peakRssMb]).filter((x): x is number => typeof x === "number");
  const slowPages = dbs.flatMap((d) => (F(d).pages?.results ?? []).filter((r) => r.medianMs >= GOAL_PAGE_MS).map((r) => `${d} ${r.page}`));
  const slowRules = dbs.flatMap((d) => (F(d).rules ?? []).filter((r) => r.ms >= GOAL_RULE_MS).map((r) => `${d} ${r.rule}`));
  lines.push(
    `\ngoal every page under ${GOAL_PAGE_MS} ms: ${slowPages.length ? `not met (${slowPages.join("; ")})` : "met"}`,
    `goal rule counts under ${GOAL_RULE_MS} ms: ${slowRules.length ? `not met (${slowRules.join("; ")})` : "met"}`,
    `goal peak memory under ${GOAL_RSS_MB} MB per process: ${rss.length ? (Math.max(...rss) < GOAL_RSS_MB ? "met" : "not met") : "—"} (largest ${fmt(Math.max(...rss))} MB)`,
  );
  console.log(lines.join("\n"));
}

async function main() {
  mkdirSync(BENCH, { recursive: true });
  for (const db of databases) await measure(db);
  report();
}

main().catch((e: unknown) => {
  console.error(`bench:scale failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
