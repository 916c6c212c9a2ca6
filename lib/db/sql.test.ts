import { describe, expect, it } from "vitest";
import { caseless, containsText, dateOf, epochMs, jsonKeys, jsonValue, num, numOrNull, Prisma, utcDay } from "./sql";

describe("raw result values", () => {
  it("turns counts and sums into plain numbers, nothing into 0", () => {
    expect([num(3n), num(2.5), num("7"), num(null), num(undefined)]).toEqual([3, 2.5, 7, 0, 0]);
  });

  it("keeps an unknown value unknown", () => {
    expect([numOrNull(null), numOrNull(undefined), numOrNull(0n), numOrNull(41)]).toEqual([null, null, 0, 41]);
  });

  it("reads a DateTime as the adapter gives it: a Date for a column, stored text for an expression", () => {
    const ms = Date.parse("2026-01-31T08:26:00.000Z");
    expect(epochMs(new Date(ms))).toBe(ms);
    expect(epochMs("2026-01-31T08:26:00.000+00:00")).toBe(ms);
    expect(epochMs("2026-01-31T08:26:00.000Z")).toBe(ms);
    expect(epochMs(null)).toBeNull();
    expect(dateOf("2026-01-31T08:26:00.000+00:00")).toEqual(new Date(ms));
    expect(() => epochMs(5)).toThrow("epochMs: expected a date, got number");
  });
});

describe("SQLite fragments", () => {
  const text = (s: Prisma.Sql) => [s.sql, s.values];

  it("binds an attribute's path and checks column names", () => {
    expect(text(jsonValue(`c."attributes"`, "tier"))).toEqual([`json_extract(c."attributes", ?)`, ['$."tier"']]);
    expect(text(jsonKeys(`c."attributes"`, "j"))).toEqual([`json_each(c."attributes") j`, []]);
    expect(() => jsonValue(`c."attributes"); DROP TABLE x; --`, "tier")).toThrow("jsonValue: unexpected column expression");
    expect(text(utcDay(`"occurredAt"`))).toEqual([`substr("occurredAt", 1, 10)`, []]);
  });

  it("compares without case, and searches for %, _ and \\ as themselves", () => {
    expect(text(caseless(Prisma.raw(`c."country"`)))).toEqual([`c."country" COLLATE NOCASE`, []]);
    expect(text(containsText(Prisma.raw(`c."name"`), `5%_a\\b`))).toEqual([`c."name" LIKE ? ESCAPE '\\'`, [`%5\\%\\_a\\\\b%`]]);
  });
});
