import { describe, expect, it } from "vitest";
import { DATE_FORMATS, detectDateFormat, looksLikeDate, parseDate } from "./dates";

describe("parseDate iso", () => {
  it("reads dates, times, fractions and offsets", () => {
    expect(parseDate("2011-01-31", "iso")).toBe(Date.UTC(2011, 0, 31));
    expect(parseDate("2011-01-31T08:26:00", "iso")).toBe(Date.UTC(2011, 0, 31, 8, 26));
    expect(parseDate("2011-01-31T08:26", "iso")).toBe(Date.UTC(2011, 0, 31, 8, 26));
    expect(parseDate("2011-01-31T08:26:00Z", "iso")).toBe(Date.UTC(2011, 0, 31, 8, 26));
    expect(parseDate("2011-01-31T08:26:00.5Z", "iso")).toBe(Date.UTC(2011, 0, 31, 8, 26, 0, 500));
    expect(parseDate("2011-01-31T08:26:00.123456Z", "iso")).toBe(Date.UTC(2011, 0, 31, 8, 26, 0, 123));
    expect(parseDate("2011-01-31T08:26:00+01:00", "iso")).toBe(Date.UTC(2011, 0, 31, 7, 26));
    expect(parseDate("2011-01-31T08:26:00-05:30", "iso")).toBe(Date.UTC(2011, 0, 31, 13, 56));
    expect(parseDate("2011-01-31T00:30:00+0100", "iso")).toBe(Date.UTC(2011, 0, 30, 23, 30));
    expect(parseDate("2011-01-31T08:26:00+02", "iso")).toBe(Date.UTC(2011, 0, 31, 6, 26));
  });

  it("agrees with Date.parse on ISO strings", () => {
    for (const s of ["1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-02-29T12:00:00Z", "2100-03-01T00:00:00Z", "1600-03-01T00:00:00Z", "2024-12-31T23:59:59.999Z"]) {
      expect(parseDate(s, "iso")).toBe(Date.parse(s));
    }
  });

  it("matches Date.UTC on every 5th day from 1890 to 2110", () => {
    for (let ms = Date.UTC(1890, 0, 1); ms < Date.UTC(2110, 0, 1); ms += 5 * 86_400_000) {
      const d = new Date(ms);
      const text = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
      if (parseDate(text, "iso") !== ms) expect(text).toBe(ms);
    }
  });

  it("checks the calendar", () => {
    expect(parseDate("2012-02-29", "iso")).toBe(Date.UTC(2012, 1, 29));
    expect(parseDate("2000-02-29", "iso")).toBe(Date.UTC(2000, 1, 29));
    expect(parseDate("2011-02-29", "iso")).toBeNaN();
    expect(parseDate("1900-02-29", "iso")).toBeNaN();
    expect(parseDate("2011-02-30", "iso")).toBeNaN();
    expect(parseDate("2011-04-31", "iso")).toBeNaN();
    expect(parseDate("2011-13-01", "iso")).toBeNaN();
    expect(parseDate("2011-00-10", "iso")).toBeNaN();
    expect(parseDate("2011-01-00", "iso")).toBeNaN();
    expect(parseDate("2011-01-31T25:00:00", "iso")).toBeNaN();
    expect(parseDate("2011-01-31T08:60:00", "iso")).toBeNaN();
    expect(parseDate("2011-01-31T08:26:60", "iso")).toBeNaN();
  });

  it.each(["", "2011", "2011-1-31", "2011/01/31", "2010-12-01  08:26:00", "2011-01-31T8:26", "2011-01-31T08:26:00+1:00", "2011-01-31Z", "2011-01-31T08:26:00 UTC", "x2011-01-31", "2011-01-311"])(
    "rejects %j",
    (s) => {
      expect(parseDate(s, "iso")).toBeNaN();
    },
  );
});

describe("parseDate ymd-hms", () => {
  it("reads spreadsheet and database timestamps", () => {
    expect(parseDate("2010-12-01 08:26:00", "ymd-hms")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("2010-12-01 08:26", "ymd-hms")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("2010/12/01 08:26:07", "ymd-hms")).toBe(Date.UTC(2010, 11, 1, 8, 26, 7));
    expect(parseDate("2016-03-27 00:53:11.250", "ymd-hms")).toBe(Date.UTC(2016, 2, 27, 0, 53, 11, 250));
    expect(parseDate("2010-12-01", "ymd-hms")).toBe(Date.UTC(2010, 11, 1));
    expect(parseDate(" 2010-12-01 08:26:00 ", "ymd-hms")).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  it.each(["2010-12/01 08:26", "2010-12-01T08:26:00", "2010-12-01 8", "2010-12-01 08:26 PM", "2010-12-01  08:26", "2011-02-29 00:00"])("rejects %j", (s) => {
    expect(parseDate(s, "ymd-hms")).toBeNaN();
  });
});

describe("parseDate mdy and dmy", () => {
  it("reads US dates as Excel exports them", () => {
    expect(parseDate("12/1/2010 8:26", "mdy")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("12/13/2010 8:26:30", "mdy")).toBe(Date.UTC(2010, 11, 13, 8, 26, 30));
    expect(parseDate("1/2/2011", "mdy")).toBe(Date.UTC(2011, 0, 2));
    expect(parseDate("01-02-2011", "mdy")).toBe(Date.UTC(2011, 0, 2));
    expect(parseDate("1.2.2011", "mdy")).toBe(Date.UTC(2011, 0, 2));
    expect(parseDate("2/29/2012", "mdy")).toBe(Date.UTC(2012, 1, 29));
  });

  it("reads AM/PM clocks", () => {
    expect(parseDate("12/1/2010 8:26 PM", "mdy")).toBe(Date.UTC(2010, 11, 1, 20, 26));
    expect(parseDate("12/1/2010 12:05 am", "mdy")).toBe(Date.UTC(2010, 11, 1, 0, 5));
    expect(parseDate("12/1/2010 12:05:09 PM", "mdy")).toBe(Date.UTC(2010, 11, 1, 12, 5, 9));
    expect(parseDate("12/1/2010 13:05 PM", "mdy")).toBeNaN();
  });

  it("reads European dates day first", () => {
    expect(parseDate("31/01/2011 08:26", "dmy")).toBe(Date.UTC(2011, 0, 31, 8, 26));
    expect(parseDate("1/2/2011", "dmy")).toBe(Date.UTC(2011, 1, 1));
    expect(parseDate("31.12.2011", "dmy")).toBe(Date.UTC(2011, 11, 31));
    expect(parseDate("29-02-2012", "dmy")).toBe(Date.UTC(2012, 1, 29));
  });

  it("rejects impossible and malformed values in both orders", () => {
    for (const format of ["mdy", "dmy"] as const) {
      expect(parseDate("13/25/2011", format)).toBeNaN();
      expect(parseDate("29/2/2011", format)).toBeNaN();
      expect(parseDate("2/29/2011", format)).toBeNaN();
      expect(parseDate("1/2/11", format)).toBeNaN();
      expect(parseDate("1/2-2011", format)).toBeNaN();
      expect(parseDate("1/2/2011 25:00", format)).toBeNaN();
      expect(parseDate("1/2/2011 8", format)).toBeNaN();
      expect(parseDate("123/2/2011", format)).toBeNaN();
    }
    expect(parseDate("31/01/2011", "mdy")).toBeNaN();
    expect(parseDate("12/31/2011", "dmy")).toBeNaN();
  });
});

describe("parseDate unix", () => {
  it("reads seconds and milliseconds", () => {
    expect(parseDate("881250949", "unix-s")).toBe(881_250_949_000);
    expect(parseDate("0", "unix-s")).toBe(0);
    expect(parseDate("-86400", "unix-s")).toBe(-86_400_000);
    expect(parseDate("1296462360000", "unix-ms")).toBe(Date.UTC(2011, 0, 31, 8, 26));
  });

  it.each(["", "12.5", "1e9", "1,000", "abc", "99999999999999"])("rejects %j as seconds", (s) => {
    expect(parseDate(s, "unix-s")).toBeNaN();
  });
});

describe("detectDateFormat", () => {
  it("reads Online Retail's dates as ISO 8601 with a space for the T", () => {
    expect(detectDateFormat(["2010-12-01 08:26:00", "2010-12-01 08:28:00", "2011-12-09 12:50:00"])).toEqual({ format: "iso", candidates: ["iso", "ymd-hms"], ambiguous: false, fits: 3, of: 3 });
    expect(parseDate("2010-12-01 08:26:00", "iso")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("2010-12-01 08:26:00+01:00", "iso")).toBe(Date.UTC(2010, 11, 1, 7, 26));
  });

  it("proposes the format of the values that parse when broken ones come first, even when they are most, and says how many fit", () => {
    const broken = ["2010-12-32 09:41:00", "2010-13-01 09:45:00", "n/a", "00/00/0000 00:00"];
    expect(detectDateFormat([...broken, "2010-12-01 08:26:00"])).toEqual({ format: "iso", candidates: ["iso", "ymd-hms"], ambiguous: false, fits: 1, of: 5 });
    expect(detectDateFormat(["31/02/2011 08:26", "13/13/2011 09:00", "12/25/2011 10:00", "1/31/2011 8:26"])).toEqual({ format: "mdy", candidates: ["mdy"], ambiguous: false, fits: 2, of: 4 });
    expect(detectDateFormat(["1e9", "881250949x", "881250949"])).toMatchObject({ format: "unix-s", fits: 1, of: 3 });
  });

  it("proposes iso for plain ISO days, which ymd-hms also reads", () => {
    expect(detectDateFormat(["2011-01-31", "2011-02-01"])).toEqual({ format: "iso", candidates: ["iso", "ymd-hms"], ambiguous: false, fits: 2, of: 2 });
    expect(detectDateFormat(["2011-01-31T08:26:00Z", "2011-02-01T00:00:00+01:00"]).format).toBe("iso");
  });

  it("settles mdy when one day is above 12", () => {
    expect(detectDateFormat(["12/1/2010 8:26", "12/13/2010 8:26"])).toEqual({ format: "mdy", candidates: ["mdy"], ambiguous: false, fits: 2, of: 2 });
    expect(detectDateFormat(["31/01/2011 08:26", "01/02/2011 09:00"])).toEqual({ format: "dmy", candidates: ["dmy"], ambiguous: false, fits: 2, of: 2 });
  });

  it("flags day/month order as ambiguous when every value fits both", () => {
    expect(detectDateFormat(["1/2/2011"])).toEqual({ format: "dmy", candidates: ["dmy", "mdy"], ambiguous: true, fits: 1, of: 1 });
  });

  it("takes bare integers only as plausible timestamps", () => {
    expect(detectDateFormat(["881250949", "891717742"])).toEqual({ format: "unix-s", candidates: ["unix-s"], ambiguous: false, fits: 2, of: 2 });
    expect(detectDateFormat(["1296462360000"]).format).toBe("unix-ms");
    expect(detectDateFormat(["196", "186"]).format).toBeNull();
    expect(detectDateFormat(["536365", "536366"]).format).toBeNull();
    expect(detectDateFormat(["9999999999"]).format).toBeNull(); // year 2286
  });

  it("ignores blanks, takes the first format on a tie, and gives up on text columns", () => {
    expect(detectDateFormat(["", "2010-12-01 08:26:00", "  "])).toMatchObject({ format: "iso", fits: 1, of: 1 });
    expect(detectDateFormat(["2010-12-01 08:26:00", "12/1/2010 8:26"])).toEqual({ format: "iso", candidates: ["iso", "ymd-hms", "dmy", "mdy"], ambiguous: false, fits: 1, of: 2 });
    expect(detectDateFormat(["United Kingdom"]).format).toBeNull();
    expect(detectDateFormat([]).format).toBeNull();
  });
});

describe("looksLikeDate", () => {
  it("accepts any format but not small integers or text", () => {
    expect(looksLikeDate("2010-12-01 08:26:00")).toBe(true);
    expect(looksLikeDate("31/01/2011")).toBe(true);
    expect(looksLikeDate("881250949")).toBe(true);
    expect(looksLikeDate("42")).toBe(false);
    expect(looksLikeDate("01-Jan-1995")).toBe(false);
    expect(looksLikeDate("InvoiceDate")).toBe(false);
  });
});

describe("DATE_FORMATS", () => {
  it("lists every format once, and each example parses in its own format", () => {
    expect(DATE_FORMATS.map((f) => f.id)).toEqual(["iso", "ymd-hms", "dmy", "mdy", "unix-s", "unix-ms"]);
    for (const f of DATE_FORMATS) expect(parseDate(f.example, f.id)).not.toBeNaN();
  });
});
