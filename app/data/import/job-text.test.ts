import { describe, expect, it } from "vitest";
import { describeDetails, formatBytes, formatDuration } from "./job-text";

const num = (n: number) => n.toLocaleString("en-GB");

describe("describeDetails", () => {
  it("puts side effects in words, leaves out zeros and lists event types last", () => {
    const words = describeDetails({ "type:purchase": 1200, "type:return": 1, customersCreated: 4372, productsCreated: 0, guestRows: 2 }, num);
    expect(words).toEqual([
      "4,372 new customers created from the ids in the rows",
      "2 guest lines without a customer (counted in sales, not in customer profiles)",
      "1,200 purchases",
      "1 return",
    ]);
  });

  it("names unknown event types and keeps unknown keys readable", () => {
    expect(describeDetails({ "type:wish_list": 3, somethingNew: 2 }, num)).toEqual(["somethingNew: 2", "3 “wish list” events"]);
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "–"],
    [0.04, "under 0.1 s"],
    [0.36, "0.4 s"],
    [12.4, "12 s"],
    [185, "3 min 5 s"],
    [3720, "1 h 2 min"],
  ])("%s s reads %s", (s, text) => expect(formatDuration(s)).toBe(text));
});

it.each([
  [812, "812 bytes"],
  [14_540, "14.2 kB"],
  [3_565_158, "3.4 MB"],
  [1024 * 1024 * 1024, "1,024 MB"],
])("%s bytes read %s", (b, text) => expect(formatBytes(b)).toBe(text));
