// npm run bench:pages -- [--customers N] [--events N] [--products N] [--runs N] [--fresh] [--train]
// Seeds (or reuses) a benchmark database of the given size, serves the production build on it, and
// times each page's full server response on localhost: warm-up once, then --runs timed requests.
// Run `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "5000" },
    products: { type: "string", default: "500" },
    events: { type: "string", default: "150000" },
    runs: { type: "string", default: "7" },
    port: { type: "string", default: "3188" },
    fresh: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    /** Train the recommenders first when none are stored (minutes at 100,000 customers). */
    train: { type: "boolean", default: false },
  },
});
const customers = Number(values.customers);
const products = Number(values.products);
const events = Number(values.events);
const runs = Number(values.runs);
const file = path.resolve("data", `bench-${customers}c-${events}e.db`);
const env = { ...process.env, DATABASE_URL: `file:${file}`, NEXT_TELEMETRY_DISABLED: "1" };

const BASE_PAGES = [
  "/",
  "/?range=all&grain=day",
  "/data",
  "/data?tab=products",
  "/data?tab=events",
  "/data?tab=customers&q=Berlin",
  "/segments",
  "/segments?sort=income&dir=desc&page=40",
  "/recommendations",
  "/campaigns",
  "/campaigns?by=rfm&heat=roi",
  "/campaigns?by=age-band&heat=ctr",
  "/campaigns/2",
  "/campaigns/4?by=rfm",
  "/campaigns/tests",
  "/campaigns/tests/mid-season-subject-line",
  "/campaigns/tests/mid-season-subject-line?method=bayesian&metric=revenue",
  "/campaigns/attribution",
  "/customers/3",
  "/products/3",
  "/recommendations?customer=C000003&algorithm=all",
  "/recommendations/evaluation",
];

function run(cmd: string, args: string[], capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    p.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function main() {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  if (values.fresh || !existsSync(file)) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const t = performance.now();
    await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "seed", "--customers", String(customers), "--products", String(products), "--events", String(events), "--end-date", "2026-11-22"]);
    console.error(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const prep = JSON.parse(await run(process.execPath, ["--import", "tsx", "scripts/bench/pages-prep.ts", ...(values.train ? ["--train"] : [])], true)) as { segmentId: number; models: boolean; email: string; password: string };
  const PAGES = [...BASE_PAGES, `/segments/${prep.segmentId}`];
  if (!prep.models) console.error("no trained recommenders in this database: the preview is timed without models (run with --train)");
  const base = `http://127.0.0.1:${values.port}`;
  const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", values.port!], { env, stdio: "ignore", detached: true });
  try {
    await waitFor(`${base}/favicon.svg`, 60_000);
    // Signed in as the bench admin: every timed request carries the session, as a person's browser would.
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: prep.email, password: prep.password }) });
    if (!signIn.ok) throw new Error(`signing in answered ${signIn.status}`);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const get = (page: string) => fetch(base + page, { headers: { cookie }, redirect: "manual" });
    const results: { page: string; medianMs: number; p95Ms: number; maxMs: number }[] = [];
    for (const page of PAGES) {
      const warm = await get(page);
      // A redirect (to sign-in) would time the wrong page.
      if (warm.status !== 200) throw new Error(`${page} answered ${warm.status}`);
      await warm.text();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const r = await get(page);
        await r.text();
        times.push(performance.now() - t);
      }
      results.push({ page, medianMs: Math.round(quantile(times, 0.5)), p95Ms: Math.round(quantile(times, 0.95)), maxMs: Math.round(Math.max(...times)) });
    }
    if (values.json) console.log(JSON.stringify({ customers, products, events, runs, results }));
    else {
      console.log(`${customers} customers, ${products} products, ${events} events; ${runs} timed requests per page after one warm-up`);
      console.log("page".padEnd(42) + "median ms".padStart(10) + "p95 ms".padStart(10) + "max ms".padStart(10));
      for (const r of results) console.log(r.page.padEnd(42) + String(r.medianMs).padStart(10) + String(r.p95Ms).padStart(10) + String(r.maxMs).padStart(10));
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(`bench:pages failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
