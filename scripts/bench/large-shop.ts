// The benchmark-size shop (the demo generator at 100,000 customers, 2,000,000 events, 5,000 products),
// generated once into data/bench/ and shared by bench:segment and bench:recs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

/** The database file and the environment a child process needs to use it (env is read once per process). */
export function ensureLargeShop(): { db: string; env: NodeJS.ProcessEnv } {
  const dir = path.resolve("data/bench");
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, "segment-100k.db");
  const env = { ...process.env, DATABASE_URL: `file:${db}` };
  if (!existsSync(db)) {
    console.log("\nGenerating the 100,000-customer, 2,000,000-event, 5,000-product shop (about 3 minutes, once)…");
    const seed = spawnSync("npx", ["tsx", "scripts/cli.ts", "seed", "--reset", "--customers", "100000", "--events", "2000000", "--products", "5000", "--end-date", "2026-11-22"], { env, encoding: "utf8" });
    if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
  }
  return { db, env };
}
