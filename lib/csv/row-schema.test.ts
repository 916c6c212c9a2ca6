import { describe, expect, it } from "vitest";
import type { Mapping } from "./header-match";
import type { ImportKind } from "./kinds";
import { createRowReader, type ParseOptions } from "./row-schema";

const opts: ParseOptions = { decimalComma: false, dateFormat: "ymd-hms" };

function reader(kind: ImportKind, headers: string[], mapping: Mapping, o: Partial<ParseOptions> = {}) {
  return createRowReader(kind, mapping, headers, { ...opts, ...o });
}
const customers = reader("customers", ["id", "email", "age", "signup", "tier"], ["externalId", "email", "age", "signupAt", "attr:tier"]);
const issuesOf = (r: ReturnType<typeof customers.read>) => (r.ok ? [] : r.issues);

describe("row validation", () => {
  it("parses a good row into typed fields and attributes", () => {
    expect(customers.read(["C1", "Ana@Example.com", "30", "2011-01-31 08:26:00", "gold"])).toEqual({
      ok: true,
      row: { fields: { externalId: "C1", email: "ana@example.com", age: 30, signupAt: Date.UTC(2011, 0, 31, 8, 26) }, attributes: { tier: "gold" } },
    });
  });

  it("says which column is wrong and why, for every field type", () => {
    expect(issuesOf(customers.read(["C1", "ana@", "30", "", ""]))).toEqual([{ column: "email", reason: '"ana@" is not an email address' }]);
    expect(issuesOf(customers.read(["C1", "", "abc", "", ""]))).toEqual([{ column: "age", reason: '"abc" is not a whole number' }]);
    expect(issuesOf(customers.read(["C1", "", "2.5", "", ""]))).toEqual([{ column: "age", reason: '"2.5" is not a whole number' }]);
    expect(issuesOf(customers.read(["C1", "", "250", "", ""]))).toEqual([{ column: "age", reason: "250 is outside the allowed range 0 to 130" }]);
    expect(issuesOf(customers.read(["C1", "", "", "31/01/2011", ""]))).toEqual([{ column: "signup", reason: '"31/01/2011" is not a date like 2011-01-31 08:26:00' }]);
    expect(issuesOf(customers.read(["C1", "", "", "", "x".repeat(10_001)]))).toEqual([]);
    const products = reader("products", ["sku", "name", "price", "active"], ["externalId", "name", "price", "isActive"]);
    expect(issuesOf(products.read(["P1", "", "1.5", "yes"]))).toEqual([{ column: "name", reason: "is empty; a value is required" }]);
    expect(issuesOf(products.read(["P1", "Mug", "cheap", "yes"]))).toEqual([{ column: "price", reason: '"cheap" is not a number' }]);
    expect(issuesOf(products.read(["P1", "Mug", "1", "maybe"]))).toEqual([{ column: "active", reason: '"maybe" is not yes/no, true/false or 1/0' }]);
    expect(issuesOf(products.read(["P1", "M".repeat(10_001), "1", "yes"]))).toEqual([{ column: "name", reason: "is 10,001 characters long; the limit is 10,000" }]);
    expect(issuesOf(products.read(["P".repeat(201), "Mug", "1", "yes"]))[0]!.reason).toMatch(/longer than 200 characters/);
  });

  it("reports every bad field of a row, and rows with the wrong number of fields", () => {
    expect(issuesOf(customers.read(["C1", "x", "y", "", ""])).map((i) => i.column)).toEqual(["email", "age"]);
    expect(issuesOf(customers.read(["C1", "a@b.co"]))).toEqual([{ column: null, reason: "has 2 fields; the file's rows have 5" }]);
  });

  it("keeps numeric attributes as numbers but codes with leading zeros as text", () => {
    const r = reader("customers", ["id", "balance", "zip"], ["externalId", "attr:balance", "attr:zip"], { decimalComma: true });
    expect(r.read(["C1", "1.234,5", "01234"])).toMatchObject({ ok: true, row: { attributes: { balance: 1234.5, zip: "01234" } } });
  });
});

describe("order lines", () => {
  const lines = reader("transactions", ["inv", "code", "qty", "price", "date"], ["orderId", "product", "quantity", "unitPrice", "occurredAt"]);
  const fields = (r: ReturnType<typeof lines.read>) => (r.ok ? r.row.fields : null);
  it("are purchases, returns (C invoices) or stock adjustments (other negative lines), with exact revenue", () => {
    expect(fields(lines.read(["536365", "85123A", "6", "2.55", "2010-12-01 08:26:00"]))).toMatchObject({ type: "purchase", revenue: 15.3 });
    expect(fields(lines.read(["C536379", "D", "-1", "27.5", "2010-12-01 09:41:00"]))).toMatchObject({ type: "return", revenue: -27.5 });
    expect(fields(lines.read(["536589", "21777", "-10", "0", "2010-12-01 16:50:00"]))).toMatchObject({ type: "adjustment", revenue: 0 });
  });
  it("refuse a zero quantity and a negative price", () => {
    expect(lines.read(["1", "A", "0", "1", "2010-12-01 08:26:00"])).toEqual({ ok: false, issues: [{ column: "qty", reason: "is 0; an order line must buy or return something" }] });
    expect(lines.read(["A563185", "B", "1", "-11062.06", "2011-08-12 14:50:00"])).toEqual({
      ok: false,
      issues: [{ column: "price", reason: "-11062.06 is negative; a negative price is an accounting adjustment, not a sale" }],
    });
  });
});

describe("events and campaign rows", () => {
  it("give events a type from the column, the import's option, or rating when a rating is mapped", () => {
    const typed = reader("events", ["user", "type", "ts"], ["customer", "type", "occurredAt"], { dateFormat: "unix-s" });
    expect(typed.read(["U1", "Add to cart", "881250949"])).toMatchObject({ ok: true, row: { fields: { type: "add_to_cart", quantity: 1, revenue: 0, occurredAt: 881250949000 } } });
    const ratings = reader("events", ["u", "i", "r", "t"], ["customer", "product", "rating", "occurredAt"], { dateFormat: "unix-s" });
    expect(ratings.read(["196", "242", "3", "881250949"])).toMatchObject({ ok: true, row: { fields: { type: "rating", rating: 3 } } });
    const views = reader("events", ["u", "t"], ["customer", "occurredAt"], { dateFormat: "unix-s", eventType: "view" });
    expect(views.read(["196", "881250949"])).toMatchObject({ ok: true, row: { fields: { type: "view" } } });
  });
  it("accept only impressions, clicks and conversions as campaign events", () => {
    const r = reader("campaign-events", ["c", "e", "t"], ["campaign", "type", "occurredAt"], { dateFormat: "iso" });
    expect(r.read(["K1", "Clicks", "2026-01-01"])).toMatchObject({ ok: true, row: { fields: { type: "click", cost: 0, revenue: 0 } } });
    expect(r.read(["K1", "like", "2026-01-01"])).toEqual({ ok: false, issues: [{ column: "e", reason: '"like" is not a campaign event type; use impression, click or conversion' }] });
  });
  it("refuse daily stats with more clicks than impressions, and cut dates to the day", () => {
    const r = reader("campaign-daily-stats", ["c", "d", "i", "k"], ["campaign", "date", "impressions", "clicks"], { dateFormat: "iso" });
    expect(r.read(["K1", "2026-01-01T13:00:00Z", "10", "11"])).toEqual({ ok: false, issues: [{ column: "k", reason: "11 clicks is more than the 10 impressions" }] });
    expect(r.read(["K1", "2026-01-01T13:00:00Z", "10", "1"])).toMatchObject({ ok: true, row: { fields: { date: Date.UTC(2026, 0, 1), segment: "" } } });
  });
});
