// The pure core imports no framework, database, file system or environment, so the same code serves
// pages, the CLI, tests and benchmarks (see ../shared/STYLE.md). eslint.config.mjs enforces it; this test
// checks the config still covers each pure folder (a renamed folder or a narrowed glob fails here, where a
// lint run would just pass) by linting a probe file full of forbidden imports placed in each one.
import { statSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const PURE = ["lib/ml", "lib/csv", "lib/segments", "lib/analytics", "lib/demo", "lib/stats"];

// One forbidden thing per line, so each line must carry its own error.
const FORBIDDEN = [
  `import { notFound } from "next/navigation";`,
  `import next from "next";`,
  `import { useState } from "react";`,
  `import { createRoot } from "react-dom/client";`,
  `import { PrismaClient } from "@prisma/client";`,
  `import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";`,
  `import { readFileSync } from "node:fs";`,
  `import { readFile } from "fs";`,
  `import { getDb } from "../db/client";`,
  `import { getDb as getDb2 } from "../../db/client";`,
  `import { getDb as getDb3 } from "@/lib/db/client";`,
  `export const url = process.env.DATABASE_URL;`,
];
const PROBE = FORBIDDEN.join("\n") + "\n";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The 1-based lines of `code` that a boundary rule flags when it sits at `file`. */
async function flaggedLines(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const lines = (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-properties")
    .map((m) => m.line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

const ALL_LINES = FORBIDDEN.map((_, i) => i + 1);

describe("pure core boundary (eslint.config.mjs)", () => {
  it.each(PURE)("%s exists and lint rejects every framework, Prisma, fs, lib/db and env use in it", async (dir) => {
    expect(statSync(path.join(ROOT, dir)).isDirectory()).toBe(true);
    expect(await flaggedLines(`${dir}/boundary-probe.ts`, PROBE)).toEqual(ALL_LINES);
    // Nested folders too (lib/ml/recs/eval is three levels down).
    expect(await flaggedLines(`${dir}/a/b/boundary-probe.ts`, PROBE)).toEqual(ALL_LINES);
  });

  it("does not restrict code outside the pure core (the probe is not flagged for react or env in components/)", async () => {
    const code = `import { useState } from "react";\nexport const url = process.env.DATABASE_URL;\nexport const s = useState;\n`;
    expect(await flaggedLines("components/boundary-probe.tsx", code)).toEqual([]);
  });

  it("lets only lib/db import Prisma", async () => {
    const code = `import { PrismaClient } from "@prisma/client";\nimport { Prisma } from "@/lib/db/generated/client";\nexport { PrismaClient, Prisma };\n`;
    expect(await flaggedLines("lib/services/boundary-probe.ts", code)).toEqual([1, 2]);
    expect(await flaggedLines("app/boundary-probe.tsx", code)).toEqual([1, 2]);
    expect(await flaggedLines("lib/db/boundary-probe.ts", code)).toEqual([]);
  });
});
