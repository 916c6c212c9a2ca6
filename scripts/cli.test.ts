import { describe, expect, it } from "vitest";
import { cliSandbox } from "./cli-test-support";

const { cli } = cliSandbox("cli");

describe("cli", () => {
  it("seeds with --json: exactly one JSON object on stdout, progress on stderr", () => {
    const r = cli("seed", "--customers", "40", "--products", "24", "--events", "500", "--end-date", "2026-11-22", "--json");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seed: 42, customers: 40, products: 24, events: 500, campaigns: 15, from: "2025-11-22", to: "2026-11-21" });
  });

  it("refuses to overwrite data without --reset, with exit code 2 and a reason", () => {
    const r = cli("seed", "--customers", "40", "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("seed: the database already holds data; pass --reset to replace it with the demo shop");
  });

  it("names the bad flag", () => {
    expect(cli("seed", "--events", "lots").stderr).toContain('--events must be a whole number >= 0, got "lots"');
    expect(cli("seed", "--end-date", "22/11/2026").stderr).toContain('--end-date: "22/11/2026" is not a date as YYYY-MM-DD');
    expect(cli("seed", "--end-date", "2026-11-31").stderr).toContain('--end-date: "2026-11-31" is not a real day: November 2026 has 30 days');
    const unknown = cli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it("says what db copy needs, and copies nothing into a database that is not PostgreSQL", () => {
    const none = cli("db", "copy");
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining("db: --to is required: the PostgreSQL database to copy into")]);
    expect(cli("db", "move", "--to", "x").stderr).toContain('db: unknown db command "move"');
    const sqlite = cli("db", "copy", "--to", "file:./elsewhere.db");
    expect(sqlite.code).toBe(1);
    expect(sqlite.stderr).toContain("db: --to must be a PostgreSQL database URL");
  });
});
