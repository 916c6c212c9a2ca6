import { describe, expect, it } from "vitest";
import { toCsvLine } from "./csv-export";

describe("toCsvLine", () => {
  it("quotes cells holding the delimiter or quotes, doubling the quotes", () => {
    expect(toCsvLine(["Smith, J", 'say"hi"@shop.example', "C0"])).toBe(`"Smith, J","say""hi""@shop.example",C0`);
    expect(toCsvLine(["a;b", "c,d"], ";")).toBe(`"a;b";c,d`);
  });

  it("prefixes a quote to text a spreadsheet would run as a formula, quoting it when it holds quotes", () => {
    expect(toCsvLine(['=HYPERLINK("x")', "-dash@shop.example", "+31", "@home"])).toBe(`"'=HYPERLINK(""x"")",'-dash@shop.example,'+31,'@home`);
  });

  it("neutralises a leading tab or carriage return and quotes line breaks", () => {
    expect(toCsvLine(["\tC0", "a\nb@shop.example"])).toBe(`'\tC0,"a\nb@shop.example"`);
    expect(toCsvLine(["\rC0"])).toBe(`"'\rC0"`);
  });

  it("writes numbers as numbers, negative ones too, and nothing for null or undefined", () => {
    expect(toCsvLine([-1, 0.0625, 10, null, undefined])).toBe("-1,0.0625,10,,");
  });
});
