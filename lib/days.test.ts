import { describe, expect, it } from "vitest";
import { Day, dayProblem, DayText, isoDay, parseDay, startOfUtcDay } from "./days";

describe("days", () => {
  it("reads real days as their UTC midnight, leap days included", () => {
    expect(parseDay("2026-12-07")).toBe(Date.UTC(2026, 11, 7));
    expect(parseDay("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseDay("2000-02-29")).toBe(Date.UTC(2000, 1, 29));
    expect(isoDay(parseDay("1999-12-31")!)).toBe("1999-12-31");
    expect(startOfUtcDay(Date.UTC(2026, 0, 2, 23, 59))).toBe(Date.UTC(2026, 0, 2));
  });

  it("refuses impossible days with the reason instead of rolling them over as Date.parse does", () => {
    expect(Date.parse("2011-02-31T00:00:00Z")).toBe(Date.UTC(2011, 2, 3)); // what this module exists to stop
    expect(parseDay("2011-02-31")).toBeNull();
    expect(dayProblem("2011-02-31")).toBe('"2011-02-31" is not a real day: February 2011 has 28 days');
    expect(dayProblem("1900-02-29")).toBe('"1900-02-29" is not a real day: February 1900 has 28 days');
    expect(dayProblem("2026-04-31")).toBe('"2026-04-31" is not a real day: April 2026 has 30 days');
    expect(dayProblem("2026-13-01")).toBe('"2026-13-01" is not a real day: there is no month 13');
    expect(dayProblem("2026-01-00")).toBe('"2026-01-00" is not a real day: January 2026 has 31 days');
    expect(dayProblem("31/01/2026")).toBe('"31/01/2026" is not a date as YYYY-MM-DD');
    expect(dayProblem("2026-1-5")).toBe('"2026-1-5" is not a date as YYYY-MM-DD');
  });

  it("checks inputs with one zod schema: text kept, or its midnight", () => {
    expect(DayText.parse(" 2026-03-01 ")).toBe("2026-03-01");
    expect(Day.parse("2026-03-01")).toBe(Date.UTC(2026, 2, 1));
    expect(Day.safeParse("2026-02-30").error?.issues[0]?.message).toBe('"2026-02-30" is not a real day: February 2026 has 28 days');
  });
});
