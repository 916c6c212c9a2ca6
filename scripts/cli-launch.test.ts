// `npm run cli` runs the CLI compiled once by scripts/cli-launch.mjs; an edit to any source must be picked up.
import { spawnSync } from "node:child_process";
import { readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const current = path.join(root, "node_modules", ".cache", "marketlens-cli", "current.json");
const launch = (...args: string[]) => spawnSync(process.execPath, ["scripts/cli-launch.mjs", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "file:/nonexistent/never-opened.db" } });
const build = () => JSON.parse(readFileSync(current, "utf8")) as { dir: string; inputs: string[] };

describe("the CLI launcher", () => {
  it("runs the compiled CLI, and compiles it again once a file it was built from is newer", () => {
    const first = launch("help");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Usage: npm run -s cli -- <command> [flags]");
    expect(first.stdout).toContain("import <kind> <file>");
    const before = build();
    expect(before.inputs).toEqual(expect.arrayContaining(["scripts/cli.ts", "scripts/commands/import.ts", "lib/services/import/run-import.ts"]));
    // The build looks older than its sources, as after an edit: the next start rebuilds.
    const entry = path.join(path.dirname(current), before.dir, "cli.mjs");
    utimesSync(entry, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const second = launch("nonsense");
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('Unknown command "nonsense"');
    expect(build().dir).not.toBe(before.dir);
  }, 60_000);
});
