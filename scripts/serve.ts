// `npm start`, after scripts/prepare-db.ts: the production build on one port (-p, or PORT, default 3000;
// -H, or HOSTNAME, default every interface), as two `next start` processes on loopback behind
// lib/http/front.ts: one for the pages (and the background jobs), one for the token APIs that answer one
// customer at a time. MARKETLENS_API_PROCESS=0 serves everything from one `next start`.
// A process that stops stops the others, with its exit code, so a supervisor sees it and restarts them.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import http from "node:http";
import net from "node:net";
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { type Backend, frontHandler } from "../lib/http/front";

/** The command line, or exit code 2 with the reason (an unknown flag, -p with no value). */
function readArgs() {
  try {
    return parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } }, tokens: true });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}

/**
 * The port to listen on, from -p / --port, else PORT (empty counts as unset, as in `next start`), else 3000.
 * Checked before any process starts. Digits only: Number() would take "" or " " as 0 (a random port),
 * "0x50" as 80 and "1e3" as 1000.
 */
function readPort({ values, tokens }: ReturnType<typeof readArgs>): number {
  const flag = tokens.findLast((t) => t.kind === "option" && t.name === "port");
  const [source, text] = values.port !== undefined ? [flag?.rawName ?? "--port", values.port] : ["PORT", process.env.PORT || "3000"];
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    console.error(`${source}: a port is a whole number from 0 to 65535, got "${text}"`);
    process.exit(2);
  }
  return Number(text);
}

const cli = readArgs();
const port = readPort(cli);
const hostname = cli.values.hostname ?? process.env.HOSTNAME;
const NEXT = createRequire(import.meta.url).resolve("next/dist/bin/next");
const children: ChildProcess[] = [];
let stopping = false;

function nextStart(args: string[], extraEnv: Record<string, string>, label: string): ChildProcess {
  const child = spawn(process.execPath, [NEXT, "start", ...args], { env: { ...process.env, ...extraEnv }, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`The ${label} process stopped (${signal ?? `exit code ${code}`}); stopping MarketLens.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

function stop(code: number): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  // Give them a moment to finish what they answer, then go.
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() => process.exit(code));
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

/** A port free on loopback now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
}

/** Resolves once something accepts connections on the port. */
async function listening(p: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(p, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing answered on port ${p} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (env.MARKETLENS_API_PROCESS === "0") {
  nextStart(["-p", String(port), ...(hostname ? ["-H", hostname] : [])], {}, "app");
} else {
  const ports: Record<Backend, number> = { pages: await freePort(), api: await freePort() };
  nextStart(["-H", "127.0.0.1", "-p", String(ports.pages)], {}, "pages");
  // The API process only answers: jobs are run by the pages' process (or by workers).
  nextStart(["-H", "127.0.0.1", "-p", String(ports.api)], { MARKETLENS_JOBS: "worker" }, "API");
  try {
    await Promise.all([listening(ports.pages, 120_000), listening(ports.api, 120_000)]);
  } catch (e) {
    console.error(`MarketLens did not start: ${e instanceof Error ? e.message : String(e)}`);
    stop(1);
  }
  const front = http.createServer(frontHandler({ ports }));
  front.on("error", (e: NodeJS.ErrnoException) => {
    console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use: stop what runs there, or start on another (npm start -- -p 3100).` : `The front could not listen: ${e.message}`);
    stop(1);
  });
  front.listen(port, hostname, () => console.log(`MarketLens is ready on http://${hostname ?? "localhost"}:${port} (pages and the token APIs in processes of their own).`));
}
