import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsvLine } from "./csv-export";
import { dedupeKey, naturalKey, OccurrenceCounter, RowKeyer, toKey } from "./dedupe";

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

  it("of a row's values hashed one by one equal the key of its joined text, copies included", () => {
    const rows = [
      { customer: "C1", product: "P1", type: "view", occurredAt: Date.UTC(2025, 0, 1), quantity: 1, revenue: 0, rating: null, orderId: null },
      { customer: "C1", product: "P1", type: "view", occurredAt: Date.UTC(2025, 0, 1), quantity: 1, revenue: 0, rating: null, orderId: null },
      { customer: null, product: "P2", type: "purchase", occurredAt: Date.UTC(2025, 0, 1), quantity: 3, revenue: 7.65, rating: 4.5, orderId: "O1" },
      { customer: "C2", product: "P2", type: "purchase", occurredAt: Date.UTC(2025, 0, 2), quantity: -3, revenue: -7.65, rating: null, orderId: "O1" },
    ];
    const joined = new OccurrenceCounter();
    const keyer = new RowKeyer("events", new OccurrenceCounter());
    for (const r of rows) expect(keyer.key(r, r.occurredAt)).toBe(dedupeKey(naturalKey("events", r), r.occurredAt, joined));
  });

  it("are the keys earlier versions stored, so re-importing an old file still inserts nothing", () => {
    // Values printed by the code before RowKeyer (commit f64820a's dedupeKey(naturalKey(...))) for these rows.
    const line = { orderId: "536365", product: "85123A", customer: "17850", occurredAt: Date.UTC(2010, 11, 1, 8, 26), quantity: 6, unitPrice: 2.55 };
    const view = { customer: null, product: "P9", type: "view", occurredAt: Date.UTC(2025, 0, 2, 3, 4, 5), quantity: 1, revenue: 0, rating: null, orderId: null };
    const seen = new OccurrenceCounter();
    const transactions = new RowKeyer("transactions", seen);
    expect([transactions.key(line, line.occurredAt), transactions.key(line, line.occurredAt)]).toEqual([4008843188148542716n, 4008843186400313764n]);
    expect(new RowKeyer("events", seen).key(view, view.occurredAt)).toBe(4518048906024399750n);
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
