// Runs a command the way a user would and measures it from outside: wall time from spawn to exit, and
// peak RSS from GNU time's %M (the largest resident set of any single process in the child's tree, i.e.
// the importing node process, not npx or the tsx launcher in front of it).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  /** null when /usr/bin/time is missing. */
  peakRssMb: number | null;
}

const TIME = "/usr/bin/time";

export function runMeasured(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const rssFile = path.join(dir, "rss");
  const hasTime = existsSync(TIME);
  const [bin, argv] = hasTime ? [TIME, ["-f", "%M", "-o", rssFile, cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(bin, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", reject);
    p.on("close", (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      let peakRssMb: number | null = null;
      if (hasTime && existsSync(rssFile)) {
        // With -o, GNU time writes "Command exited with non-zero status N" above the figure on failure.
        const kb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
        if (Number.isFinite(kb)) peakRssMb = kb / 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), wallSeconds, peakRssMb });
    });
  });
}

export function hasCommand(cmd: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Removes a SQLite database with its WAL, shared-memory and journal files. */
export function removeDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

export const int = (n: number) => Math.round(n).toLocaleString("en-GB");

/** Arguments for `npm` that run the CLI exactly as a user does: `npm run -s cli -- <command> …` (npm's own start included in what is measured). */
export function cliArgv(): string[] {
  return ["run", "-s", "cli", "--"];
}
