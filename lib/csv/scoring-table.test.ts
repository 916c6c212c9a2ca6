import { describe, expect, it } from "vitest";
import { readScoringCsv, readScoringCsvLike } from "./scoring-table";

const BANKISH = [
  '"age";"job";"balance";"contacted";"y"',
  '30;"admin";1.200,5;"2024-01-03";"no"',
  '41;"technician";-20;"2024-01-01";"yes"',
  '29;"admin";;"2024-01-02";"no"',
  '55;"";300;"2024-01-05";"yes"',
  '60;"retired";0;"2024-01-04";""',
].join("\n");

describe("readScoringCsv", () => {
  it("types the columns, reads the positive value, sets the date column aside for the time split", () => {
    const csv = readScoringCsv(BANKISH, { target: "y" });
    expect(csv.layout.delimiter).toBe(";");
    expect(csv.layout.target).toEqual({ index: 4, name: "y", positive: "yes" });
    expect(csv.columns).toEqual([
      { name: "age", kind: "numeric", missing: 0, distinct: 4 },
      { name: "job", kind: "categorical", missing: 1, distinct: 2 },
      { name: "balance", kind: "numeric", missing: 1, distinct: 4 },
    ]);
    expect(csv.layout.time?.name).toBe("contacted");
    expect(Array.from(csv.table.label)).toEqual([0, 1, 0, 1]);
    const [age, job, balance] = csv.table.features;
    expect(age!.kind === "numeric" && Array.from(age!.values)).toEqual([30, 41, 29, 55]);
    expect(job!.kind === "categorical" && [Array.from(job!.codes), job!.levels]).toEqual([[0, 1, 0, -1], ["admin", "technician"]]);
    // A decimal comma column: "1.200,5" is 1200.5.
    expect(balance!.kind === "numeric" && Array.from(balance!.values)).toEqual([1200.5, -20, NaN, 300]);
    expect(csv.leftOut).toEqual({ count: 1, lines: [6] });
    expect(Array.from(csv.time!)).toEqual(["2024-01-03", "2024-01-01", "2024-01-02", "2024-01-05"].map((d) => Date.parse(`${d}T00:00:00Z`)));
  });

  it("drops columns, forces numeric codes to categories, and takes targets by position without a header", () => {
    const text = "0,5,7,a\n1,6,7,b\n0,5,8,a\n1,6,9,b\n";
    const csv = readScoringCsv(text, { target: "1", header: false, drop: ["column 4"], categorical: ["3"] });
    expect(csv.layout.target.positive).toBe("1");
    expect(csv.columns.map((c) => [c.name, c.kind])).toEqual([["column 2", "numeric"], ["column 3", "categorical"]]);
    expect(csv.layout.dropped).toEqual(["column 4"]);
  });

  it("says which column is missing and what the target's values are", () => {
    expect(() => readScoringCsv(BANKISH, { target: "clicked" })).toThrow('--target: no column "clicked" (columns: age, job, balance, contacted, y)');
    expect(() => readScoringCsv(BANKISH, { target: "job" })).toThrow('the target "job" has values admin, technician, retired: name the positive one with --positive');
    expect(() => readScoringCsv(BANKISH, { target: "y", positive: "maybe" })).toThrow('--positive: the target "y" has no value "maybe" (values: no, yes)');
    expect(() => readScoringCsv(BANKISH, { target: "y", drop: ["y"] })).toThrow('--drop: "y" is the target');
  });

  it("reads a second file against the first one's levels, appending new ones, by name or by position", () => {
    const train = readScoringCsv("x,c,y\n1,a,yes\n2,b,no\n3,a,no\n", { target: "y" });
    const byName = readScoringCsvLike("y,c,x\nno,c,4\nyes,a,oops\n", train);
    const c = byName.table.features[1]!;
    expect(c.kind === "categorical" && [Array.from(c.codes), c.levels]).toEqual([[2, 0], ["a", "b", "c"]]);
    expect(byName.unreadable).toBe(1);
    expect(Array.from(byName.table.label)).toEqual([0, 1]);
    const byPosition = readScoringCsvLike("5,b,yes\n", train, { header: false });
    expect(byPosition.table.features.map((f) => f.name)).toEqual(["x", "c"]);
    expect(() => readScoringCsvLike("5,b\n", train, { header: false })).toThrow("the file has 2 columns and no header; the training file has 3");
  });
});
