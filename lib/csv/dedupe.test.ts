import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsvLine } from "./csv-export";
import { dedupeKey, OccurrenceCounter, toKey } from "./dedupe";

describe("dedupe keys", () => {
  it("are the same for the same row and occurrence, and differ for the second copy of a row", () => {
    const a = new OccurrenceCounter();
    const b = new OccurrenceCounter();
    const t = Date.UTC(2010, 11, 1, 8, 26);
    const first = [dedupeKey("row", t, a), dedupeKey("row", t, a), dedupeKey("other", t, a)];
    const again = [dedupeKey("row", t, b), dedupeKey("row", t, b), dedupeKey("other", t, b)];
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it("lead with the minute, so keys of later events sort after earlier ones", () => {
    expect(toKey(Date.UTC(2011, 0, 1), 0xffffffff, 0xffffffff) < toKey(Date.UTC(2011, 0, 1, 0, 1), 0, 0)).toBe(true);
    expect(toKey(Date.UTC(1850, 0, 1), 0, 1)).toBe(1n);
  });

  it("count occurrences exactly while the table grows", () => {
    const c = new OccurrenceCounter(1);
    for (let i = 0; i < 10_000; i++) expect(c.next(i, i * 7)).toBe(0);
    for (let i = 0; i < 10_000; i += 1000) expect(c.next(i, i * 7)).toBe(1);
    expect(c.size).toBe(10_000);
  });
});

describe("CSV export", () => {
  it("neutralises cells that a spreadsheet would run as formulas", () => {
    for (const s of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x"]) expect(neutraliseCell(s)).toBe(`'${s}`);
    expect(neutraliseCell("plain")).toBe("plain");
  });
  it("quotes separators and quotes, and leaves numbers alone", () => {
    expect(toCsvLine([1, -2.5, 'say "hi"', "a,b", null, "=HYPERLINK()"])).toBe(`1,-2.5,"say ""hi""","a,b",,'=HYPERLINK()`);
  });
});
