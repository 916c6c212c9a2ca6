// npm run bench:load -- [--db sqlite,postgresql] [--postgres URL] [--clients 50] [--seconds 60]
//   [--customers N] [--events N] [--campaign-audience N] [--instances N] [--data-dir DIR]
// The app under load, on loopback only and bounded in time: a generated shop in a fresh database, the
// production build serving it (one instance on SQLite; two on PostgreSQL, both running jobs), and for
// --seconds, --clients concurrent clients, each sending its next request as soon as the last one answered:
// 70% the recommendations API (a token with recommendations:read, a random customer), 30% the main pages
// (signed in). Meanwhile Online Retail is imported through the CLI and a recommender training job runs,
// queued for the servers. Reports requests served, p50/p95/p99 and errors per kind, and checks the import:
// its counts add up to the file's rows and the database holds exactly the rows it says it wrote.
// Goal: no errors, API p95 under 200 ms. Run `npm run build` first.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminQuery, withDatabase } from "../lib/db/postgres-admin";
import { createRng } from "../lib/ml/random";
import { cliArgv, int, removeDatabase } from "./bench/measure";
import { quantile, requireBuild, type Server, signIn, startServer } from "./bench/page-timer";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite,postgresql" },
    postgres: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    customers: { type: "string", default: "100000" },
    events: { type: "string", default: "1000000" },
    products: { type: "string", default: "5000" },
    "campaign-audience": { type: "string", default: "35000" },
    instances: { type: "string", default: "" },
    port: { type: "string", default: "3201" },
    algorithms: { type: "string", default: "popularity,trending,segment-popularity,item-knn,content,als,buy-again,hybrid" },
    "data-dir": { type: "string", default: path.resolve("..", "shared", "data") },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const customers = Number(values.customers);
for (const [k, v] of Object.entries({ clients, seconds, customers })) if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${k} takes a whole number ≥ 1, got ${v}`);
const databases = values.db!.split(",").map((s) => s.trim());
for (const d of databases) if (d !== "sqlite" && d !== "postgresql") throw new RangeError(`--db takes sqlite and/or postgresql, got "${d}"`);
const RETAIL = path.join(values["data-dir"]!, "online_retail", "online_retail.csv.gz");
const RETAIL_ROWS = 541_909;
const BENCH = path.resolve("data", "bench");
const GOAL_API_P95_MS = 200;
const API_SHARE = 0.7;
const log = (line: string) => console.error(line);

/** `tsx …` scripts run through npx; the CLI's arguments (cliArgv: `run -s cli -- …`) through npm, as a user runs it. */
const launcher = (args: readonly string[]) => (args[0] === "tsx" ? "npx" : "npm");

function runSync(label: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(launcher(args), args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${label} exited ${r.status}:\n${r.stderr.trim().split("\n").slice(-15).join("\n")}`);
  return r.stdout;
}
const lastJson = <T>(out: string): T => JSON.parse(out.trim().split("\n").reverse().find((l) => l.startsWith("{"))!) as T;

/** A child that runs while the clients do; resolves with its stdout when it exits. */
function background(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> } {
  const started = performance.now();
  const child = spawn(launcher(args), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 })));
  return { child, done };
}

interface Sample {
  kind: "api" | "page";
  ms: number;
  ok: boolean;
  error?: string;
}

const PAGES = (rng: () => number) => {
  const id = 1 + Math.floor(rng() * customers);
  const pages = ["/", "/segments", "/campaigns", "/data", `/customers/${id}`, `/recommendations?customer=C${String(id).padStart(6, "0")}&algorithm=hybrid`];
  return pages[Math.floor(rng() * pages.length)]!;
};

async function client(i: number, servers: readonly Server[], token: string, cookie: string, until: number, out: Sample[]): Promise<void> {
  const rng = createRng(1_000 + i);
  const next = () => rng.next();
  while (performance.now() < until) {
    const base = servers[Math.floor(next() * servers.length)]!.base;
    const api = next() < API_SHARE;
    const url = api ? `${base}/api/recommendations/${1 + Math.floor(next() * customers)}?n=10&algorithm=hybrid` : base + PAGES(next);
    const t = performance.now();
    try {
      const r = await fetch(url, { headers: api ? { authorization: `Bearer ${token}` } : { cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
      const body = await r.text();
      out.push({ kind: api ? "api" : "page", ms: performance.now() - t, ok: r.status === 200, ...(r.status === 200 ? {} : { error: `${r.status} ${url.slice(base.length).split("?")[0]}: ${body.slice(0, 120)}` }) });
    } catch (e) {
      // fetch's own message is "fetch failed"; the cause says what happened (a reset, a closed socket, a timeout).
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${(e.cause as NodeJS.ErrnoException).code ?? e.cause.message})` : "";
      out.push({ kind: api ? "api" : "page", ms: performance.now() - t, ok: false, error: `${url.slice(base.length).split("?")[0]}: ${e instanceof Error ? e.message : String(e)}${cause}` });
    }
  }
}

interface Result {
  db: string;
  instances: number;
  kinds: { kind: string; requests: number; perSecond: number; p50: number; p95: number; p99: number; errors: number }[];
  errors: string[];
  import: { seconds: number; rowsRead: number; inserted: number; rejected: number; unchanged: number; stored: number; countsAddUp: boolean; endedAfterLoadStart: number };
  training: { status: string; seconds: number | null; overlapSeconds: number };
}

async function freshDatabase(db: string): Promise<string> {
  if (db === "sqlite") {
    const file = path.join(BENCH, "load.db");
    removeDatabase(file);
    return `file:${file}`;
  }
  if (!values.postgres) throw new Error("PostgreSQL needs a server: pass --postgres postgresql://… (or set BENCH_POSTGRES_URL or TEST_POSTGRES_URL), or --db sqlite");
  await adminQuery(values.postgres, `DROP DATABASE IF EXISTS "marketlens_load" WITH (FORCE)`);
  await adminQuery(values.postgres, `CREATE DATABASE "marketlens_load"`);
  return withDatabase(values.postgres, "marketlens_load");
}

async function measure(db: string): Promise<Result> {
  const url = await freshDatabase(db);
  // The import's rejected-rows file goes beside a SQLite database; clear the last run's.
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
  const instances = Number(values.instances || (db === "sqlite" ? 1 : 2));
  log(`${db}: seeding ${int(customers)} customers, ${int(Number(values.events))} events…`);
  runSync("db-migrate", ["tsx", "scripts/db-migrate.ts"], env);
  runSync("seed", [...cliArgv(), "seed", "--json", "--customers", String(customers), "--events", values.events!, "--products", values.products!, "--campaign-audience", values["campaign-audience"]!, "--end-date", "2026-11-22"], env);
  const prep = lastJson<{ email: string; password: string }>(runSync("pages-prep", ["tsx", "scripts/bench/pages-prep.ts"], env));
  const token = lastJson<{ token: string }>(runSync("token", [...cliArgv(), "tokens", "create", "--user", prep.email, "--scopes", "recommendations:read", "--name", "bench:load", "--json"], env)).token;
  const trainArgs = [...cliArgv(), "jobs", "start", "recommenders", "--param", `algorithms=${values.algorithms}`, "--param", "tune=false", "--json"];
  log(`${db}: training the recommenders once before the load, so the API has models to serve…`);
  runSync("first training", [...trainArgs, "--wait"], env);

  const servers: Server[] = [];
  try {
    for (let k = 0; k < instances; k++) servers.push(await startServer(env, Number(values.port) + k));
    const cookie = await signIn(servers[0]!.base, prep.email, prep.password);
    // Warm-up: every page and the API once on every instance (compiling routes, loading models).
    const warm = createRng(7);
    for (const s of servers) {
      for (let i = 0; i < 12; i++) await (await fetch(s.base + PAGES(() => warm.next()), { headers: { cookie } })).text();
      await (await fetch(`${s.base}/api/recommendations/1?n=10&algorithm=hybrid`, { headers: { authorization: `Bearer ${token}` } })).text();
    }
    log(`${db}: ${instances} instance(s) up; ${clients} clients for ${seconds} s while Online Retail is imported and the recommenders are trained…`);
    const importStarted = performance.now();
    const imp = background([...cliArgv(), "import", "transactions", RETAIL, "--json"], env);
    const job = lastJson<{ id: number }>(runSync("training job", trainArgs, env));
    const started = performance.now();
    const loadFrom = Date.now();
    const samples: Sample[] = [];
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i, servers, token, cookie, started + seconds * 1000, samples)));
    const elapsed = (performance.now() - started) / 1000;
    const loadTo = Date.now();
    const jobView = () => lastJson<{ status: string; seconds: number | null; isFinished: boolean; startedAt: string | null; finishedAt: string | null }>(runSync("job show", [...cliArgv(), "jobs", "show", String(job.id), "--json"], env));
    log(`${db}: load over; waiting for the import and the training to finish…`);
    const imported = await imp.done;
    if (imported.code !== 0) throw new Error(`the import exited ${imported.code}:\n${imported.stderr.trim().split("\n").slice(-10).join("\n")}`);
    const summary = lastJson<{ rowsRead: number; inserted: number; updated: number; unchanged: number; rejected: number }>(imported.stdout);
    const until = Date.now() + 15 * 60_000;
    let view = jobView();
    while (!view.isFinished && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 2_000));
      view = jobView();
    }
    const stored = lastJson<{ importedEvents: number }>(runSync("load check", ["tsx", "scripts/bench/load-check.ts"], env));
    const kinds = (["api", "page"] as const).map((kind) => {
      const xs = samples.filter((s) => s.kind === kind);
      const ms = xs.map((s) => s.ms);
      return { kind, requests: xs.length, perSecond: xs.length / elapsed, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), p99: quantile(ms, 0.99), errors: xs.filter((s) => !s.ok).length };
    });
    const errors = [...new Set(samples.filter((s) => !s.ok).map((s) => s.error!))].slice(0, 10);
    return {
      db,
      instances,
      kinds,
      errors,
      import: {
        seconds: imported.seconds,
        rowsRead: summary.rowsRead,
        inserted: summary.inserted,
        rejected: summary.rejected,
        unchanged: summary.unchanged,
        stored: stored.importedEvents,
        countsAddUp: summary.rowsRead === RETAIL_ROWS && summary.inserted + summary.updated + summary.unchanged + summary.rejected === summary.rowsRead,
        // Started just before the clients; seconds after the load began when it finished.
        endedAfterLoadStart: (started - importStarted) / 1000 < imported.seconds ? imported.seconds - (started - importStarted) / 1000 : 0,
      },
      training: {
        status: view.status,
        seconds: view.seconds,
        // Seconds of the load window the job was running in.
        overlapSeconds: view.startedAt ? Math.max(0, (Math.min(loadTo, view.finishedAt ? Date.parse(view.finishedAt) : loadTo) - Math.max(loadFrom, Date.parse(view.startedAt))) / 1000) : 0,
      },
    };
  } finally {
    for (const s of servers) s.stop();
  }
}

function report(results: readonly Result[]): void {
  const f = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 0 });
  console.log(`\n${clients} clients for ${seconds} s on loopback, ${int(customers)} customers; ${Math.round(API_SHARE * 100)}% recommendations API, ${Math.round((1 - API_SHARE) * 100)}% pages; an Online Retail import and a training job running`);
  console.log(`| database | instances | kind | requests | per s | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---|---:|---:|---:|---:|---:|---:|`);
  for (const r of results) for (const k of r.kinds) console.log(`| ${r.db} | ${r.instances} | ${k.kind} | ${f(k.requests)} | ${f(k.perSecond)} | ${f(k.p50)} | ${f(k.p95)} | ${f(k.p99)} | ${k.errors} |`);
  console.log(`\n| database | import s (under load s) | rows read | inserted | rejected | stored (with a dedupe key) | counts add up | training job (s of it under load) |\n|---|---:|---:|---:|---:|---:|---|---|`);
  for (const r of results) {
    const i = r.import;
    console.log(`| ${r.db} | ${i.seconds.toFixed(1)} (${Math.min(seconds, i.endedAfterLoadStart).toFixed(0)}) | ${int(i.rowsRead)} | ${int(i.inserted)} | ${int(i.rejected)} | ${int(i.stored)} | ${i.countsAddUp && i.stored === i.inserted ? "yes" : "NO"} | ${r.training.status}${r.training.seconds === null ? "" : ` in ${r.training.seconds.toFixed(0)} s`} (${r.training.overlapSeconds.toFixed(0)}) |`);
  }
  for (const r of results) if (r.errors.length) console.log(`\n${r.db} errors (first distinct ones):\n${r.errors.map((e) => `  ${e}`).join("\n")}`);
  const errors = results.reduce((n, r) => n + r.kinds.reduce((m, k) => m + k.errors, 0), 0);
  const apiP95 = Math.max(...results.map((r) => r.kinds.find((k) => k.kind === "api")!.p95));
  const rowsOk = results.every((r) => r.import.countsAddUp && r.import.stored === r.import.inserted);
  console.log(`\ngoal no errors: ${errors ? `not met (${errors})` : "met"}`);
  console.log(`goal no lost or duplicated import rows: ${rowsOk ? "met" : "NOT MET"}`);
  console.log(`goal API p95 under ${GOAL_API_P95_MS} ms: ${apiP95 < GOAL_API_P95_MS ? "met" : "not met"} (worst ${f(apiP95)} ms)`);
  if (!rowsOk) process.exitCode = 1;
}

async function main() {
  requireBuild();
  if (!existsSync(RETAIL)) throw new Error(`no Online Retail file at ${RETAIL} (pass --data-dir with the folder that holds online_retail/)`);
  mkdirSync(BENCH, { recursive: true });
  const results: Result[] = [];
  for (const db of databases) results.push(await measure(db));
  report(results);
}

main().catch((e: unknown) => {
  console.error(`bench:load failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
