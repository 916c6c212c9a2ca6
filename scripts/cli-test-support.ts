// What the CLI tests share: run `scripts/cli.ts` in a child process against a database of their own, and
// write input files into a temporary folder.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { testFolder } from "../lib/test-folder";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliSandbox(name: string) {
  const dir = testFolder(name);
  const db = `file:${path.join(dir, `${randomUUID()}.db`)}`;
  return {
    dir,
    db,
    cli(...args: string[]): CliRun {
      const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: db } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    file(fileName: string, content: string | Buffer): string {
      const p = path.join(dir, fileName);
      writeFileSync(p, content);
      return p;
    },
  };
}

/** A measured duration in seconds: finite and >= 0 (`typeof x === "number"` would let NaN through). */
export function expectSeconds(x: unknown): void {
  expect(Number.isFinite(x), `${x} is not a finite number`).toBe(true);
  expect(x).toBeGreaterThanOrEqual(0);
}
