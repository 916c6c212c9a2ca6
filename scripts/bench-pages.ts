// npm run bench:pages -- [--customers N] [--events N] [--products N] [--runs N] [--fresh] [--train]
// Seeds (or reuses) a benchmark database of the given size, serves the production build on it, and
// times each page's full server response on localhost: warm-up once, then --runs timed requests.
// Run `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BASE_PAGES, printPageTable, requireBuild, signIn, startServer, timePages } from "./bench/page-timer";

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

function run(cmd: string, args: string[], capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    p.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function main() {
  requireBuild();
  if (values.fresh || !existsSync(file)) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const t = performance.now();
    await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "seed", "--customers", String(customers), "--products", String(products), "--events", String(events), "--end-date", "2026-11-22"]);
    console.error(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const prep = JSON.parse(await run(process.execPath, ["--import", "tsx", "scripts/bench/pages-prep.ts", ...(values.train ? ["--train"] : [])], true)) as { segmentId: number; models: boolean; email: string; password: string };
  const PAGES = [...BASE_PAGES, `/segments/${prep.segmentId}`];
  if (!prep.models) console.error("no trained recommenders in this database: the preview is timed without models (run with --train)");
  const server = await startServer(env, Number(values.port));
  try {
    const cookie = await signIn(server.base, prep.email, prep.password);
    const results = await timePages(server.base, cookie, PAGES, runs);
    if (values.json) console.log(JSON.stringify({ customers, products, events, runs, results }));
    else {
      console.log(`${customers} customers, ${products} products, ${events} events; ${runs} timed requests per page after one warm-up`);
      printPageTable(results);
    }
  } finally {
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:pages failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
