import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsvLine, unneutraliseCell } from "./csv-export";

describe("toCsvLine", () => {
  it("quotes cells holding the delimiter or quotes, doubling the quotes", () => {
    expect(toCsvLine(["Smith, J", 'say"hi"@shop.example', "C0"])).toBe(`"Smith, J","say""hi""@shop.example",C0`);
    expect(toCsvLine(["a;b", "c,d"], ";")).toBe(`"a;b";c,d`);
  });

  it("prefixes a quote to text a spreadsheet would run as a formula, quoting it when it holds quotes", () => {
    expect(toCsvLine(['=HYPERLINK("x")', "-dash@shop.example", "+31 20 555", "@home", "-1+2", "-", "+A1"])).toBe(`"'=HYPERLINK(""x"")",'-dash@shop.example,'+31 20 555,'@home,'-1+2,'-,'+A1`);
  });

  it("leaves numbers held as text alone: signs, decimal commas and points, thousands marks, exponents", () => {
    expect(toCsvLine(["-1", "+31", "-2,55", "-1.234,50", "-0.5", "-.5", "-1e-3", "12"], ";")).toBe("-1;+31;-2,55;-1.234,50;-0.5;-.5;-1e-3;12");
  });

  it("reads its own neutralised cells back as they were, and nothing else", () => {
    for (const v of ['=HYPERLINK("x")', "-dash", "+A1", "@home", "\tC0"]) expect(unneutraliseCell(neutraliseCell(v))).toBe(v);
    expect(unneutraliseCell("'Tis the season")).toBe("'Tis the season");
    expect(unneutraliseCell("-1")).toBe("-1");
  });

  it("neutralises a leading tab or carriage return and quotes line breaks", () => {
    expect(toCsvLine(["\tC0", "a\nb@shop.example"])).toBe(`'\tC0,"a\nb@shop.example"`);
    expect(toCsvLine(["\rC0"])).toBe(`"'\rC0"`);
  });

  it("writes numbers as numbers, negative ones too, and nothing for null or undefined", () => {
    expect(toCsvLine([-1, 0.0625, 10, null, undefined])).toBe("-1,0.0625,10,,");
  });
});
