// `cli import` as people and scripts call it: --json prints one summary object; mistakes exit 2 with the fix.
import { describe, expect, it } from "vitest";
import { cliSandbox, expectSeconds } from "./cli-test-support";

const { cli, file } = cliSandbox("cli-import");

describe("cli import", () => {
  const ratings = file("ratings.tsv", "196\t242\t3\t881250949\n186\t302\tx\t891717742\n");

  it("maps a headerless file by position and prints one JSON summary with the first errors", () => {
    const r = cli("import", "events", ratings, "--map", "1=customer", "--map", "2=product", "--map", "3=rating", "--map", "4=Time", "--json");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const s = JSON.parse(lines[0]!);
    expect(s).toMatchObject({ kind: "events", fileName: "ratings.tsv", status: "completed", dryRun: false, rowsRead: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(s.errors).toEqual([{ line: 2, column: "column 3", reason: '"x" is not a number' }]);
    expect(s.errorsFile).toMatch(/import-\d+-rejected\.csv$/);
    expectSeconds(s.seconds);
  });

  it("dry-runs without writing, and a second import inserts nothing", () => {
    const args = ["import", "events", ratings, "--map", "1=customer", "--map", "2=product", "--map", "3=rating", "--map", "4=occurredAt", "--json"];
    expect(JSON.parse(cli(...args, "--dry-run").stdout)).toMatchObject({ dryRun: true, inserted: 0, unchanged: 1 });
    expect(JSON.parse(cli(...args).stdout)).toMatchObject({ inserted: 0, unchanged: 1, rejected: 1 });
  });

  it("explains what is missing or wrong, with exit code 2", () => {
    const noTime = cli("import", "events", ratings, "--map", "1=customer");
    expect(noTime.code).toBe(2);
    expect(noTime.stderr).toContain('Map a column to "Time" (occurredAt): events need it.');
    expect(cli("import", "orders", ratings).stderr).toContain('unknown kind "orders"; use one of customers, products, events, transactions');
    expect(cli("import", "events", ratings, "--map", "9=customer").stderr).toContain('--map 9=customer: no column "9"');
    expect(cli("import", "events", ratings, "--delimiter", "x").stderr).toContain("--delimiter must be comma, semicolon, tab or pipe");
  });

  it("refuses a file that is not text, with exit code 1 and the reason", () => {
    const r = cli("import", "customers", file("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0, 0])));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^import: .*(PNG|image)/im);
  });
});
