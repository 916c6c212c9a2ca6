import { beforeAll, describe, expect, it } from "vitest";
import { configuredProvider } from "../env";
import { describeRule, type RuleNode } from "../segments/rules";
import { prepareDatabase } from "../services/prepare-database";
import { getCustomerIdsByExternalId, insertCustomers } from "./customers";
import { insertEvents } from "./events";
import { refreshPurchaseStats } from "./purchase-stats";
import { compileRule, countRuleMembers, listRuleMembers, pageRuleMembers } from "./segment-rules";

const NOW = Date.UTC(2026, 2, 31);
const at = (d: string) => new Date(`${d}T12:00:00Z`);

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([
    { externalId: "A", name: "Ana", country: "UK", age: 30, income: 50_000, signupAt: at("2026-03-20"), attributes: { tier: "gold", balance: 2143 } },
    { externalId: "B", name: "Ben", country: "uk", age: 45, income: 30_000, signupAt: at("2025-06-01"), attributes: { tier: "silver", balance: 29 } },
    { externalId: "C", name: "Cy", country: "DE", age: 22, signupAt: at("2026-01-15"), attributes: { tier: "gold" } },
    { externalId: "D", name: "Dee 100%", country: null, age: null, income: 80_000 },
  ]);
  const id = await getCustomerIdsByExternalId();
  const buy = (c: string, d: string, o: string, revenue: number) => ({ customerId: id.get(c)!, type: "purchase", orderId: o, revenue, occurredAt: at(d) });
  await insertEvents([buy("A", "2026-03-25", "1", 100), buy("A", "2026-03-28", "2", 50), buy("A", "2026-03-28", "2", 25), buy("B", "2025-12-01", "3", 400), buy("C", "2026-02-01", "4", 10)]);
  // Imports and seeding refresh the purchase summary themselves; events written directly do not.
  expect(await refreshPurchaseStats()).toBe(3);
});

const ids = async (rule: RuleNode) => (await listRuleMembers(rule, { offset: 0, limit: 100 }, NOW)).map((r) => r.externalId);

describe("rule segments", () => {
  it("compares text without regard to case, and treats an empty value as not equal", async () => {
    expect(await ids({ field: "country", op: "eq", value: "UK" })).toEqual(["A", "B"]);
    expect(await ids({ field: "country", op: "neq", value: "uk" })).toEqual(["C", "D"]);
    expect(await ids({ field: "country", op: "in", values: ["de", "fr"] })).toEqual(["C"]);
    expect(await ids({ field: "name", op: "contains", value: "0%" })).toEqual(["D"]);
    expect(await ids({ field: "country", op: "empty" })).toEqual(["D"]);
    expect(await ids({ field: "country", op: "notEmpty" })).toEqual(["A", "B", "C"]);
  });

  it("compares numbers and dates, including between and within the last N days", async () => {
    expect(await ids({ field: "age", op: "lt", value: 30 })).toEqual(["C"]);
    expect(await ids({ field: "age", op: "lte", value: 30 })).toEqual(["A", "C"]);
    expect(await ids({ field: "age", op: "gt", value: 30 })).toEqual(["B"]);
    expect(await ids({ field: "age", op: "gte", value: 22 })).toEqual(["A", "B", "C"]);
    expect(await ids({ field: "income", op: "between", values: [30_000, 50_000] })).toEqual(["A", "B"]);
    expect(await ids({ field: "age", op: "empty" })).toEqual(["D"]);
    expect(await ids({ field: "signupAt", op: "withinDays", value: 30 })).toEqual(["A"]);
    expect(await ids({ field: "signupAt", op: "between", values: ["2026-01-01", "2026-03-31"] })).toEqual(["A", "C"]);
    // A date is the whole day: A signed up at noon on 20 March.
    expect(await ids({ field: "signupAt", op: "lte", value: "2026-03-20" })).toEqual(["A", "B", "C"]);
    expect(await ids({ field: "signupAt", op: "gt", value: "2026-03-20" })).toEqual([]);
    expect(await ids({ field: "signupAt", op: "between", values: ["2026-03-20", "2026-03-20"] })).toEqual(["A"]);
  });

  it("reads attributes imported from CSVs, numbers as numbers", async () => {
    expect(await ids({ field: "attr:tier", op: "eq", value: "GOLD" })).toEqual(["A", "C"]);
    expect(await ids({ field: "attr:tier", op: "in", values: ["GOLD", "Silver"] })).toEqual(["A", "B", "C"]);
    expect(await ids({ field: "attr:balance", op: "gt", value: 1000 })).toEqual(["A"]);
    expect(await ids({ field: "attr:balance", op: "empty" })).toEqual(["C", "D"]);
  });

  it("uses purchase history: orders, revenue and dates, with customers who never bought at 0", async () => {
    expect(await ids({ field: "orders", op: "gte", value: 2 })).toEqual(["A"]);
    expect(await ids({ field: "revenue", op: "eq", value: 0 })).toEqual(["D"]);
    expect(await ids({ field: "lastPurchaseAt", op: "withinDays", value: 60 })).toEqual(["A", "C"]);
    expect(await ids({ field: "lastPurchaseAt", op: "empty" })).toEqual(["D"]);
  });

  it("nests AND and OR groups, and counts without listing", async () => {
    const rule: RuleNode = { all: [{ field: "country", op: "notEmpty" }, { any: [{ field: "revenue", op: "gt", value: 300 }, { field: "attr:tier", op: "eq", value: "gold" }] }] };
    expect(await ids(rule)).toEqual(["A", "B", "C"]);
    expect(await countRuleMembers({ all: [rule, { field: "age", op: "lt", value: 40 }] }, NOW)).toBe(2);
    expect(await countRuleMembers({ any: [] }, NOW)).toBe(0);
    expect(await countRuleMembers({ all: [] }, NOW)).toBe(4);
    expect(describeRule(rule)).toBe('Country is not empty and (Revenue > 300 or tier equals "gold")');
  });

  it("pages members with their purchase totals, sorted, empty values last", async () => {
    const all: RuleNode = { all: [] };
    const byRevenue = await pageRuleMembers(all, { page: 1, pageSize: 3, sort: "revenue", dir: "desc" }, NOW);
    expect(byRevenue.total).toBe(4);
    expect(byRevenue.rows.map((r) => [r.externalId, r.orders, r.revenue])).toEqual([["B", 1, 400], ["A", 2, 175], ["C", 1, 10]]);
    expect((await pageRuleMembers(all, { page: 2, pageSize: 3, sort: "revenue", dir: "desc" }, NOW)).rows.map((r) => r.externalId)).toEqual(["D"]);
    expect((await pageRuleMembers(all, { page: 1, pageSize: 10, sort: "lastPurchaseAt", dir: "asc" }, NOW)).rows.map((r) => r.externalId)).toEqual(["B", "C", "A", "D"]);
    expect((await pageRuleMembers(all, { page: 1, pageSize: 10, sort: "lastPurchaseAt", dir: "desc" }, NOW)).rows.map((r) => r.externalId)).toEqual(["A", "C", "B", "D"]);
  });

  it("compiles to SQL with every value bound, a date as the midnight after its day, and no join it does not need", () => {
    const c = compileRule({ all: [{ field: "signupAt", op: "lte", value: "2026-03-20" }, { field: "attr:tier", op: "in", values: ["gold", "silver"] }] });
    const p = compileRule({ any: [{ field: "revenue", op: "gt", value: 300 }, { field: "name", op: "contains", value: "5%" }] });
    // Each database's dialect (sql.ts).
    if (configuredProvider() === "postgresql") {
      expect(c.sql.sql).toBe(`(c."signupAt" < ? AND lower((c."attributes" ->> ?::text)) IN (lower(?),lower(?)))`);
      expect(c.sql.values).toEqual([new Date("2026-03-21T00:00:00Z"), "tier", "gold", "silver"]);
      expect(p.sql.sql).toBe(`(coalesce(p."revenue", 0) > ? OR c."name" ILIKE ? ESCAPE '\\')`);
    } else {
      expect(c.sql.sql).toBe(`(c."signupAt" < ? AND json_extract(c."attributes", ?) COLLATE NOCASE IN (? COLLATE NOCASE,? COLLATE NOCASE))`);
      expect(c.sql.values).toEqual([new Date("2026-03-21T00:00:00Z"), '$."tier"', "gold", "silver"]);
      expect(p.sql.sql).toBe(`(coalesce(p."revenue", 0) > ? OR c."name" LIKE ? ESCAPE '\\')`);
    }
    expect(c.usesPurchases).toBe(false);
    expect([p.sql.values, p.usesPurchases]).toEqual([[300, "%5\\%%"], true]);
    expect(compileRule({ any: [] }).sql.sql).toBe("1=0");
  });

  it("explains a rule it cannot run, naming the condition", () => {
    expect(() => compileRule({ all: [{ field: "age", op: "contains", value: "3" }] })).toThrow('condition 1: "contains" does not apply to Age (a number field)');
    expect(() => compileRule({ all: [{ field: "country", op: "eq" }, { any: [{ field: "age", op: "gt", value: "old" }] }] })).toThrow("condition 1: needs a value");
    expect(() => compileRule({ any: [{ field: "age", op: "between", values: [1] }] })).toThrow('condition 1: "between" needs two values');
    expect(() => compileRule({ all: [{ any: [{ field: "signupAt", op: "gt", value: "31/01/2026" }] }] })).toThrow('condition 1.1: "31/01/2026" is not a date as YYYY-MM-DD');
    // Not rolled over into March.
    expect(() => compileRule({ all: [{ field: "signupAt", op: "gt", value: "2026-02-31" }] })).toThrow('condition 1: "2026-02-31" is not a real day: February 2026 has 28 days');
    expect(() => compileRule({ all: [{ field: "colour", op: "eq", value: "red" }] })).toThrow('condition 1: unknown field "colour"');
    expect(() => compileRule({ all: [{ field: 'attr:x") OR 1=1 --', op: "eq", value: 1 }] })).toThrow("has characters a rule cannot use");
  });
});
