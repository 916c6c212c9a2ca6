import { describe, expect, it } from "vitest";
import { binaryReason, detectDecimalMark, detectDelimiter, detectDelimiterWithConfidence, detectHeader, sniffEncoding, usesDecimalComma } from "./detect";

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
const split = (lines: string[], delimiter: string) => lines.map((line) => line.split(delimiter));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => `${line(i)}\n`).join("");
const NO_EVIDENCE = { utf8Chars: 0, invalidBytes: 0, firstInvalidAt: -1 };

describe("sniffEncoding", () => {
  it("reads a UTF-8 BOM, and does not count it as a character of the text", () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62))).toEqual({ encoding: "utf-8", hasBom: true, ...NO_EVIDENCE, isSure: true });
    // A BOM decides even with a Latin-1 byte after it.
    expect(sniffEncoding(concat(bytes(0xef, 0xbb, 0xbf), ascii("caf\xe9\n")))).toEqual({ encoding: "utf-8", hasBom: true, utf8Chars: 0, invalidBytes: 1, firstInvalidAt: 6, isSure: true });
  });

  it("takes valid UTF-8 as UTF-8, counting its multi-byte characters", () => {
    // é, ü and 😀: three characters of two, two and four bytes.
    expect(sniffEncoding(utf8("name\nCafé\nZürich 😀\n"))).toEqual({ encoding: "utf-8", hasBom: false, utf8Chars: 3, invalidBytes: 0, firstInvalidAt: -1, isSure: true });
  });

  it("takes plain ASCII as UTF-8, with no doubt to report, as ASCII reads the same in both", () => {
    expect(sniffEncoding(ascii("a,b\n1,2\n"))).toEqual({ encoding: "utf-8", hasBom: false, ...NO_EVIDENCE, isSure: true });
    expect(sniffEncoding(new Uint8Array())).toEqual({ encoding: "utf-8", hasBom: false, ...NO_EVIDENCE, isSure: true });
  });

  it("judges the first 64 KiB only: Latin-1 after plain ASCII that long is no evidence", () => {
    const sample = concat(ascii("x".repeat(64 * 1024)), ascii("caf\xe9\n"));
    expect(sniffEncoding(sample)).toEqual({ encoding: "utf-8", hasBom: false, ...NO_EVIDENCE, isSure: true });
  });

  it("takes a lone Latin-1 byte as Latin-1", () => {
    expect(sniffEncoding(ascii("name\nCaf\xe9\n"))).toEqual({ encoding: "latin1", hasBom: false, utf8Chars: 0, invalidBytes: 1, firstInvalidAt: 8, isSure: true });
    expect(sniffEncoding(ascii("caf\xe9,1")).encoding).toBe("latin1");
  });

  it("reads Latin-1 when a Latin-1 byte comes first, as the import's reader does, and is not sure when UTF-8 letters follow", () => {
    const sample = concat(ascii("name\ncaf\xe9\n"), utf8("Café\n".repeat(5)));
    expect(sniffEncoding(sample)).toEqual({ encoding: "latin1", hasBom: false, utf8Chars: 5, invalidBytes: 1, firstInvalidAt: 8, isSure: false });
  });

  it("keeps Latin-1 when its bytes outweigh a pair that happens to be valid UTF-8, and on a tie", () => {
    // "Ã©" (c3 a9) is é in UTF-8; the three lone bytes after it are not.
    expect(sniffEncoding(ascii("\xc3\xa9t\xe9 caf\xe9 na\xefve"))).toEqual({ encoding: "latin1", hasBom: false, utf8Chars: 1, invalidBytes: 3, firstInvalidAt: 3, isSure: false });
    expect(sniffEncoding(ascii("\xc3\xa9,\xe9,"))).toMatchObject({ encoding: "latin1", utf8Chars: 1, invalidBytes: 1 });
  });

  it("rejects overlong forms and surrogates", () => {
    expect(sniffEncoding(bytes(0x61, 0xc0, 0xaf, 0x61)).encoding).toBe("latin1");
    expect(sniffEncoding(bytes(0x61, 0xed, 0xa0, 0x80, 0x61)).encoding).toBe("latin1");
    expect(sniffEncoding(bytes(0x61, 0xf4, 0x90, 0x80, 0x80)).encoding).toBe("latin1");
  });

  it("counts a broken sequence's bytes once, as a decoder replaces them", () => {
    // e2 82 starts a three-byte character that "A" does not finish: two invalid bytes, then "A".
    expect(sniffEncoding(bytes(0x61, 0xe2, 0x82, 0x41))).toMatchObject({ encoding: "latin1", invalidBytes: 2, firstInvalidAt: 1 });
    // c0 cannot start a character and af cannot either: one byte each.
    expect(sniffEncoding(bytes(0x61, 0xc0, 0xaf, 0x61))).toMatchObject({ invalidBytes: 2, firstInvalidAt: 1 });
  });

  it("forgives a multi-byte character cut off by the end of the sample", () => {
    const euro = utf8("price €"); // € is e2 82 ac
    expect(sniffEncoding(euro.slice(0, euro.length - 1))).toEqual({ encoding: "utf-8", hasBom: false, ...NO_EVIDENCE, isSure: true });
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

describe("detectDelimiterWithConfidence", () => {
  // A semicolon file with decimal commas: a comma splits every data row the same way too, but not the header.
  const german = `id;price;weight\n${lines(50, (i) => `${i};3,5;2,25`)}`;

  it("is sure when nearly every record fits and the runner-up fits fewer", () => {
    expect(detectDelimiterWithConfidence(german)).toEqual({ delimiter: ";", fields: 3, fits: 51, of: 51, runnerUp: { delimiter: ",", fields: 3, fits: 50 }, isSure: true });
  });

  it("finds the delimiter when a preamble that splits on another one comes first", () => {
    // 35 lines split in two by ";", more than the first 30 records a sample of the top would look at.
    const text = lines(35, (i) => `Shop export; page ${i}`) + "id,name,city,amount\n" + lines(100, (i) => `${i},Ana,Paris,12`);
    // ";" splits the 35 preamble lines in two but leaves the other 101 whole, so one field is its norm.
    expect(detectDelimiterWithConfidence(text)).toEqual({ delimiter: ",", fields: 4, fits: 101, of: 136, runnerUp: null, isSure: false });
  });

  it("finds the delimiter when 40 lines of notes without one come first", () => {
    const text = lines(40, (i) => `Note ${i}`) + german;
    // The notes have one field whatever the delimiter; ";" splits the table's 51 records in three, "," its 50 data rows.
    expect(detectDelimiterWithConfidence(text)).toEqual({ delimiter: ";", fields: 3, fits: 51, of: 91, runnerUp: { delimiter: ",", fields: 3, fits: 50 }, isSure: false });
  });

  it("finds the delimiter when the first rows hold a stray one, and says how many rows fit", () => {
    // The first 20 rows have an unquoted comma in the name: 5 fields instead of 4.
    const text = "id,name,city,amount\n" + lines(20, (i) => `${i},Smith, John,Paris,12`) + lines(80, (i) => `${i},Ana,Paris,12`);
    expect(detectDelimiterWithConfidence(text)).toEqual({ delimiter: ",", fields: 4, fits: 81, of: 101, runnerUp: null, isSure: false });
  });

  it("is not sure on a tie, which the rule breaks", () => {
    expect(detectDelimiterWithConfidence("a,b;c\nd,e;f\n")).toEqual({ delimiter: ",", fields: 2, fits: 2, of: 2, runnerUp: { delimiter: ";", fields: 2, fits: 2 }, isSure: false });
    // Headerless decimal commas: both split into three, the comma wins by order (a person pins ";").
    expect(detectDelimiterWithConfidence("1;3,5;2,25\n2;4,5;1,75\n")).toMatchObject({ delimiter: ",", isSure: false });
  });

  it("reports one column, and an empty text, as sure", () => {
    expect(detectDelimiterWithConfidence("name\nAlice\nBob\n")).toEqual({ delimiter: ",", fields: 1, fits: 3, of: 3, runnerUp: null, isSure: true });
    expect(detectDelimiterWithConfidence("")).toEqual({ delimiter: ",", fields: 1, fits: 0, of: 0, runnerUp: null, isSure: true });
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

describe("detectDecimalMark", () => {
  const none = { comma: null, point: null, differing: null };

  it("decides from the values that parse when bad ones come first", () => {
    expect(detectDecimalMark(["n/a", "–", "12 EUR", "", " 3,5 ", "1.234,56", "12"])).toEqual({ decimalComma: true, comma: 2, point: 0, differing: 0, examples: { ...none, comma: "3,5" }, isSure: true });
    expect(detectDecimalMark(["n/a", "–", "12 EUR", "3.5"])).toEqual({ decimalComma: false, comma: 0, point: 1, differing: 0, examples: { ...none, point: "3.5" }, isSure: true });
  });

  it("is sure when a value that reads both ways agrees with the evidence", () => {
    // "1,234" is 1234 or 1.234; "3.5" reads only with a point, so 1234 it is.
    expect(detectDecimalMark(["1,234", "3.5"])).toEqual({ decimalComma: false, comma: 0, point: 1, differing: 1, examples: { comma: null, point: "3.5", differing: "1,234" }, isSure: true });
  });

  it("is not sure when both styles are seen, and takes the one more values read with", () => {
    expect(detectDecimalMark(["3,5", "4,25", "3.5"])).toEqual({ decimalComma: true, comma: 2, point: 1, differing: 0, examples: { comma: "3,5", point: "3.5", differing: null }, isSure: false });
    // On a tie the decimal point wins.
    expect(detectDecimalMark(["3,5", "3.5"])).toMatchObject({ decimalComma: false, isSure: false });
  });

  it("is not sure when nothing decides but the choice changes values", () => {
    expect(detectDecimalMark(["n/a", "1,234", "12"])).toEqual({ decimalComma: false, comma: 0, point: 0, differing: 1, examples: { ...none, differing: "1,234" }, isSure: false });
  });

  it("is sure when the choice changes nothing", () => {
    expect(detectDecimalMark(["12", "-7", "abc", ""])).toEqual({ decimalComma: false, comma: 0, point: 0, differing: 0, examples: none, isSure: true });
  });
});
