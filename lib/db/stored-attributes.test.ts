import { describe, expect, it } from "vitest";
import { readAttributes } from "./stored-attributes";

describe("readAttributes", () => {
  it("reads an import's flat values as they are, in their stored order", () => {
    const stored = JSON.parse('{"tier":"gold","balance":2143.5,"optIn":false,"note":null}');
    expect(Object.entries(readAttributes(stored))).toEqual([["tier", "gold"], ["balance", 2143.5], ["optIn", false], ["note", null]]);
  });

  it("reads nested values from a hand-edited database as their JSON text", () => {
    expect(readAttributes({ sizes: [38, 39], address: { city: "Leeds" }, tier: "gold" })).toEqual({ sizes: "[38,39]", address: '{"city":"Leeds"}', tier: "gold" });
  });

  it.each([
    ["null", null],
    ["a list", ["gold", 3]],
    ["text", "gold"],
    ["a number", 3],
  ])("reads %s as no attributes", (_, json) => {
    expect(readAttributes(json)).toEqual({});
  });
});
