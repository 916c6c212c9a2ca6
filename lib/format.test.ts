import { describe, expect, it } from "vitest";
import { capitalised, ratio } from "./format";

describe("capitalised", () => {
  it("upper-cases the first letter only, and leaves an empty text empty", () => {
    expect(capitalised("clicks per impression")).toBe("Clicks per impression");
    expect(capitalised("éclair")).toBe("Éclair");
    expect(capitalised("")).toBe("");
  });
});

describe("ratio", () => {
  it("divides, and gives NaN rather than Infinity for a zero denominator", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
  });
});
