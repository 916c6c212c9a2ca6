// Without MARKETLENS_SECRET, the first process makes a random secret beside the database, owner-only, and
// every later one reads the same; a weak one set by hand stops the app at start with the reason.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testFolder } from "../test-folder";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRINT = `import { appSecret, secretFilePath } from "./lib/auth/secret"; console.log(JSON.stringify({ secret: appSecret(), file: secretFilePath() }));`;

function run(env: Record<string, string | undefined>) {
  const clean = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete clean[k];
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PRINT], { cwd: ROOT, env: clean, encoding: "utf8" });
}

describe("the installation secret", () => {
  it("is generated once into the data folder with mode 0600 and read back by the next process", () => {
    const dir = testFolder("secret");
    // The data folder is the database's (the test setup's own is left out).
    const env = { DATABASE_URL: `file:${path.join(dir, "app.db")}`, MARKETLENS_SECRET: undefined, MARKETLENS_DATA_DIR: undefined };
    const first = JSON.parse(run(env).stdout) as { secret: string; file: string };
    const second = JSON.parse(run(env).stdout) as { secret: string; file: string };
    expect(first.file).toBe(path.join(dir, "secret"));
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(first.file, "utf8").trim()).toBe(first.secret);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
  });

  it("set by hand but weak, stops the process with the reason", () => {
    const r = run({ MARKETLENS_SECRET: "hunter2" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("MARKETLENS_SECRET: is 7 characters long: use at least 32 random characters");
  });
});
