import { describe, expect, it } from "vitest";
import { binaryReason, detectDelimiter, detectHeader, sniffEncoding, usesDecimalComma } from "./detect";

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
const split = (lines: string[], delimiter: string) => lines.map((line) => line.split(delimiter));

describe("sniffEncoding", () => {
  it("reads a UTF-8 BOM", () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62))).toEqual({ encoding: "utf-8", hasBom: true });
  });

  it("takes ASCII and valid UTF-8 as UTF-8", () => {
    expect(sniffEncoding(ascii("a,b\n1,2\n"))).toEqual({ encoding: "utf-8", hasBom: false });
    expect(sniffEncoding(utf8("name\nCafé\nZürich 😀\n"))).toEqual({ encoding: "utf-8", hasBom: false });
    expect(sniffEncoding(new Uint8Array())).toEqual({ encoding: "utf-8", hasBom: false });
  });

  it("takes a lone Latin-1 byte as Latin-1", () => {
    expect(sniffEncoding(ascii("name\nCaf\xe9\n")).encoding).toBe("latin1");
    expect(sniffEncoding(ascii("caf\xe9,1")).encoding).toBe("latin1");
  });

  it("rejects overlong forms and surrogates", () => {
    expect(sniffEncoding(bytes(0x61, 0xc0, 0xaf, 0x61)).encoding).toBe("latin1");
    expect(sniffEncoding(bytes(0x61, 0xed, 0xa0, 0x80, 0x61)).encoding).toBe("latin1");
    expect(sniffEncoding(bytes(0x61, 0xf4, 0x90, 0x80, 0x80)).encoding).toBe("latin1");
  });

  it("forgives a multi-byte character cut off by the end of the sample", () => {
    const euro = utf8("price €"); // € is e2 82 ac
    expect(sniffEncoding(euro.slice(0, euro.length - 1)).encoding).toBe("utf-8");
    expect(sniffEncoding(euro.slice(0, euro.length - 2)).encoding).toBe("utf-8");
    expect(sniffEncoding(bytes(0x61, 0xe2, 0x41)).encoding).toBe("latin1");
  });
});

describe("binaryReason", () => {
  it("accepts text, tabs and line breaks", () => {
    expect(binaryReason(ascii("a\tb\r\n1\t2\r\n"))).toBeNull();
    expect(binaryReason(utf8("é,ü\n"))).toBeNull();
    expect(binaryReason(ascii("a,b\n1,2\n\x1a"))).toBeNull(); // DOS end-of-file mark
  });

  it("names spreadsheets, documents and images", () => {
    expect(binaryReason(ascii("PK\x03\x04\x14\x00\x06\x00"))).toBe("This looks like an Excel or ZIP file: save it as CSV first");
    expect(binaryReason(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toMatch(/Excel \(\.xls\)/);
    expect(binaryReason(ascii("%PDF-1.7\n"))).toMatch(/PDF/);
    expect(binaryReason(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toMatch(/PNG/);
    expect(binaryReason(bytes(0xff, 0xd8, 0xff, 0xe0))).toMatch(/JPEG/);
    expect(binaryReason(ascii("GIF89a"))).toMatch(/GIF/);
    expect(binaryReason(bytes(0xff, 0xfe, 0x61, 0x00))).toMatch(/UTF-16/);
  });

  it("refuses NUL bytes and many control characters", () => {
    expect(binaryReason(bytes(0x61, 0x2c, 0x00, 0x62))).toMatch(/NUL/);
    expect(binaryReason(bytes(0x01, 0x02, 0x03, 0x04, 0x61, 0x62))).toMatch(/control characters/);
  });
});

describe("detectDelimiter", () => {
  it("finds commas, ignoring commas inside quotes", () => {
    const text = 'id,name,city\n1,"Smith, John",Paris\n2,"Doe, Jane ""JD""",Lyon\n';
    expect(detectDelimiter(text)).toBe(",");
  });

  it("finds semicolons in the quoted Bank Marketing header", () => {
    const text = '"age";"job";"marital"\n30;"unemployed";"married"\n33;"services";"married"\n';
    expect(detectDelimiter(text)).toBe(";");
  });

  it("is not fooled by decimal commas in a semicolon file", () => {
    expect(detectDelimiter("id;price;weight\n1;3,5;2,25\n2;4,5;1,75\n")).toBe(";");
    // Without a header both split every row the same way, so the larger field count decides...
    expect(detectDelimiter("1;3,5;2,25;7\n2;4,5;1,75;8\n")).toBe(";");
    // ...and on a full tie the comma wins, as documented.
    expect(detectDelimiter("1;3,5;2,25\n2;4,5;1,75\n")).toBe(",");
  });

  it("finds tabs (MovieLens u.data) and pipes (u.item)", () => {
    expect(detectDelimiter("196\t242\t3\t881250949\n186\t302\t3\t891717742\n")).toBe("\t");
    const item = "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0\n2|GoldenEye (1995)|01-Jan-1995||http://x|0|1\n";
    expect(detectDelimiter(item)).toBe("|");
  });

  it("counts a quoted line break as part of the field", () => {
    expect(detectDelimiter('a;b\n"line one\nline two; still";2\n3;4\n')).toBe(";");
  });

  it("ignores a last line cut off by the sample", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n4;5;6\n7,8")).toBe(";");
  });

  it("falls back to a comma for one column, and breaks ties in , ; order", () => {
    expect(detectDelimiter("name\nAlice\nBob\n")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
    expect(detectDelimiter("a,b;c\nd,e;f\n")).toBe(",");
  });
});

describe("detectHeader", () => {
  it("sees no header on MovieLens u.data", () => {
    expect(detectHeader(split(["196\t242\t3\t881250949", "186\t302\t3\t891717742"], "\t"))).toBe(false);
  });

  it("sees no header on a headerless file whose first row has a blank", () => {
    const item = ["1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)", "2|GoldenEye (1995)|01-Jan-1995||http://x"];
    expect(detectHeader(split(item, "|"))).toBe(false);
    expect(detectHeader(split(["Toy Story (1995)|01-Jan-1995||http://a", "GoldenEye (1995)|01-Jan-1995||http://b"], "|"))).toBe(false);
  });

  it("sees the Bank Marketing and Online Retail headers", () => {
    expect(detectHeader([["age", "job", "y"], ["30", "unemployed", "no"], ["33", "services", "no"]])).toBe(true);
    const retail = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom"];
    expect(detectHeader(split(retail, ","))).toBe(true);
    expect(detectHeader(split(["CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)", "0001,Male,19,15,39"], ","))).toBe(true);
  });

  it("sees a header of names above text of another kind", () => {
    expect(detectHeader([["name", "email"], ["Alice", "alice@example.com"], ["Bob", "bob@example.com"]])).toBe(true);
  });

  it("sees no header when every row is the same kind of text", () => {
    expect(detectHeader([["administrator"], ["artist"], ["doctor"]])).toBe(false);
    expect(detectHeader([["alice@example.com", "Alice"], ["bob@example.com", "Bob"]])).toBe(false);
  });

  it("sees no header on a date first row, repeated names or an empty sample", () => {
    expect(detectHeader([["2010-12-01 08:26:00", "x"], ["2010-12-02 08:26:00", "y"]])).toBe(false);
    expect(detectHeader([["a", "a"], ["b c!", "d e!"]])).toBe(false);
    expect(detectHeader([])).toBe(false);
    expect(detectHeader([[""], ["1"]])).toBe(false);
  });

  it("takes a lone row of names as a header with no data", () => {
    expect(detectHeader([["age", "job"]])).toBe(true);
    expect(detectHeader([["Smith, John", "12 rue de la Paix!"]])).toBe(false);
  });
});

describe("usesDecimalComma", () => {
  it("sees decimal commas", () => {
    expect(usesDecimalComma(["3,5", "12", "1.234,56"])).toBe(true);
    expect(usesDecimalComma(["1.234.567"])).toBe(true);
  });

  it("sees decimal points", () => {
    expect(usesDecimalComma(["3.5", "1,234.56", "12"])).toBe(false);
    expect(usesDecimalComma(["1,234,567"])).toBe(false);
  });

  it("says no when nothing tells the styles apart", () => {
    expect(usesDecimalComma(["1,234", "12", "1.234", "abc", ""])).toBe(false);
    expect(usesDecimalComma([])).toBe(false);
  });
});
