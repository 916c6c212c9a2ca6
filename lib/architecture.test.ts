// The pure core imports no framework, database, file system or environment, so the same code serves
// pages, the CLI, tests and benchmarks (see ../shared/STYLE.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PURE = ["lib/demo", "lib/analytics", "lib/ml", "lib/csv", "lib/segments"];
const FORBIDDEN = [/from ["'](next|react|react-dom)(\/|["'])/, /@prisma\//, /from ["']node:fs/, /from ["']fs["']/, /process\.env/, /lib\/db\//, /\.\.\/db\//];

function sources(dir: string): string[] {
  let out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(sources(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

describe("pure core", () => {
  it.each(PURE)("%s imports no framework, Prisma, fs or env", (dir) => {
    const offenders = sources(dir).flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it("only lib/db imports the Prisma client", () => {
    const offenders = ["app", "components", "lib", "scripts"]
      .flatMap(sources)
      .filter((f) => !f.startsWith("lib/db/") && /@prisma\/|db\/generated/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
