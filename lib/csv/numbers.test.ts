import { describe, expect, it } from "vitest";
import { looksNumeric, parseInteger, parseNumber } from "./numbers";

describe("parseNumber with a decimal point", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    ["-17", -17],
    ["+3", 3],
    ["2.55", 2.55],
    ["-0.5", -0.5],
    [".5", 0.5],
    ["007", 7],
    ["  12.5 ", 12.5],
    ["1,234", 1234],
    ["1,234,567", 1234567],
    ["1,234,567.89", 1234567.89],
    ["-1,000", -1000],
    ["1e3", 1000],
    ["1.5E-3", 0.0015],
    ["2.5e+2", 250],
    ["61833.9", 61833.9],
  ])("reads %j as %d", (text, expected) => {
    expect(parseNumber(text, false)).toBe(expected);
  });

  it.each(["", "   ", "abc", "12abc", "1,2,3", "12,5", "1234,567", "0,123", "1,23", "1,2345", "$12", "12 €", "1.", "-", "+", "1e", "1e+", "1 234", "0x10", "Infinity", "NaN", "1..2", "--1", "1e999"])(
    "rejects %j",
    (text) => {
      expect(parseNumber(text, false)).toBeNaN();
    },
  );

  it("gives the same double as Number() for long and tiny values", () => {
    for (const text of ["0.1", "0.30000000000000004", "123456789012345678901", "1.7976931348623157e308", "5e-324", "9007199254740993", "3.14159265358979323846"]) {
      expect(parseNumber(text, false)).toBe(Number(text));
    }
  });
});

describe("parseNumber with a decimal comma", () => {
  it.each([
    ["3,5", 3.5],
    ["-0,25", -0.25],
    ["1.234,56", 1234.56],
    ["1.234.567,5", 1234567.5],
    ["1.234", 1234],
    ["1,234", 1.234],
    ["42", 42],
    ["1,5e3", 1500],
  ])("reads %j as %d", (text, expected) => {
    expect(parseNumber(text, true)).toBe(expected);
  });

  it.each(["1.5", "1,234.56", "1.2.3", "3,", "abc", ""])("rejects %j", (text) => {
    expect(parseNumber(text, true)).toBeNaN();
  });
});

describe("parseInteger", () => {
  it("accepts whole numbers only", () => {
    expect(parseInteger("17850", false)).toBe(17850);
    expect(parseInteger("1,000", false)).toBe(1000);
    expect(parseInteger("1.000", true)).toBe(1000);
    expect(parseInteger("-3", false)).toBe(-3);
    expect(parseInteger("2.0", false)).toBe(2);
    expect(parseInteger("2.5", false)).toBeNaN();
    expect(parseInteger("85123A", false)).toBeNaN();
    expect(parseInteger("9007199254740991", false)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseInteger("9007199254740992", false)).toBeNaN();
  });

  it("turns -0 into 0", () => {
    expect(Object.is(parseInteger("-0", false), 0)).toBe(true);
  });
});

describe("looksNumeric", () => {
  it("accepts either decimal style and nothing else", () => {
    expect(looksNumeric("3.5")).toBe(true);
    expect(looksNumeric("3,5")).toBe(true);
    expect(looksNumeric("1.234,56")).toBe(true);
    expect(looksNumeric("age")).toBe(false);
    expect(looksNumeric("85123A")).toBe(false);
    expect(looksNumeric("")).toBe(false);
    expect(looksNumeric("2010-12-01")).toBe(false);
  });
});
