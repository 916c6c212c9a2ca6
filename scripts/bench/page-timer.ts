// Serving the production build for a benchmark and timing its pages as a signed-in person's browser
// would: one server process group per database, one session cookie, a warm-up request, then timed ones.
// Shared by bench:pages, bench:scale and bench:load.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const BASE_PAGES = [
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

export const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

export function requireBuild(): void {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
}

export async function waitFor(url: string, ms: number): Promise<void> {
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

export interface Server {
  base: string;
  process: ChildProcess;
  /** The largest resident set any process of the server's group reached so far, in MB (Linux /proc). */
  peakRssMb(): number | null;
  stop(): void;
}

/** `next start` on 127.0.0.1:port in its own process group, answering once its static files do. */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  // The server's own output goes to data/bench/server-<port>.log, to read when a request fails.
  mkdirSync(path.resolve("data", "bench"), { recursive: true });
  const log = openSync(path.resolve("data", "bench", `server-${port}.log`), "w");
  // As npm start serves it (scripts/serve.ts): the front and its two app processes, one process group.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-H", "127.0.0.1", "-p", String(port)], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  const server: Server = {
    base,
    process: child,
    peakRssMb: () => groupPeakRssMb(child.pid!),
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
  try {
    await waitFor(`${base}/favicon.svg`, 90_000);
  } catch (e) {
    server.stop();
    throw e;
  }
  return server;
}

/** VmHWM (peak resident set) of the largest process in a process group. */
function groupPeakRssMb(pgid: number): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  let peak = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp, …
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return peak || null;
}

/** Signs in by email and password and returns the session cookie to send with every request. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`signing in answered ${r.status}`);
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export interface PageTiming {
  page: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** One warm-up request per page (which must answer 200: a redirect to sign-in would time the wrong page), then `runs` timed ones. */
export async function timePages(base: string, cookie: string, pages: readonly string[], runs: number): Promise<PageTiming[]> {
  const get = (page: string) =>
    fetch(base + page, { headers: { cookie }, redirect: "manual" }).catch((e: unknown) => {
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${(e.cause as NodeJS.ErrnoException).code ?? e.cause.message})` : "";
      throw new Error(`${page}: ${e instanceof Error ? e.message : String(e)}${cause}; the server's log is data/bench/server-*.log`);
    });
  const results: PageTiming[] = [];
  for (const page of pages) {
    const warm = await get(page);
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
  return results;
}

export function printPageTable(results: readonly PageTiming[]): void {
  console.log("page".padEnd(42) + "median ms".padStart(10) + "p95 ms".padStart(10) + "max ms".padStart(10));
  for (const r of results) console.log(r.page.padEnd(42) + String(r.medianMs).padStart(10) + String(r.p95Ms).padStart(10) + String(r.maxMs).padStart(10));
}
