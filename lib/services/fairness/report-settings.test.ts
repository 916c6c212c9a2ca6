import { describe, expect, it } from "vitest";
import { UserError } from "../../errors";
import { DEFAULT_MIN_GROUP_SIZE, MinGroupSize, numberSetting, reportOrDefault } from "./report-settings";

const MIN_GROUP = "the minimum group size must be a whole number from 1 to 1,000,000";

describe("the minimum group size", () => {
  it("takes whole numbers from 1 to 1,000,000 and 30 when not given", () => {
    expect(MinGroupSize.parse(undefined)).toBe(30);
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(30);
    expect(MinGroupSize.parse(1)).toBe(1);
    expect(MinGroupSize.parse(1_000_000)).toBe(1_000_000);
  });

  it("refuses 0, fractions, too large and non-numbers with one message naming the field", () => {
    for (const bad of [0, -3, 2.5, 1_000_001, "30", null]) {
      const r = MinGroupSize.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.message)).toEqual([MIN_GROUP]);
    }
  });
});

describe("a number typed into the settings", () => {
  it("reads numbers as they are, and blank as not given, without a warning", () => {
    const warnings: string[] = [];
    expect(numberSetting("12.5", "top share", 20, warnings)).toBe(12.5);
    expect(numberSetting("0", "minimum group size", 30, warnings)).toBe(0);
    expect(numberSetting("", "minimum group size", 30, warnings)).toBe(30);
    expect(numberSetting("  ", "minimum group size", 30, warnings)).toBe(30);
    expect(warnings).toEqual([]);
  });

  it("falls back on anything else and says which field, what was typed and what is used", () => {
    const warnings: string[] = [];
    expect(numberSetting("abc", "minimum group size", 30, warnings)).toBe(30);
    expect(numberSetting("Infinity", "score threshold", 0.5, warnings)).toBe(0.5);
    expect(warnings).toEqual(["The minimum group size “abc” is not a number; using 30.", "The score threshold “Infinity” is not a number; using 0.5."]);
  });
});

describe("the report asked for, or the default one", () => {
  const refuse = (message: string) => () => Promise.reject(new UserError(message));
  const report = (value: string) => () => Promise.resolve(value);

  it("gives the report asked for when it is made", async () => {
    expect(await reportOrDefault(report("asked"), refuse("never asked"), "the defaults")).toEqual({ result: "asked", error: null });
  });

  it("gives the default report with the refusal as a sentence when the settings are refused", async () => {
    expect(await reportOrDefault(refuse("the minimum group size must be a whole number"), report("default"), "groups of 30 or more")).toEqual({
      result: "default",
      error: "The minimum group size must be a whole number; showing the default report instead (groups of 30 or more).",
    });
  });

  it("gives no report and the second refusal when the defaults are refused too", async () => {
    expect(await reportOrDefault(refuse("bad setting"), refuse("there is no completed scoring run 9"), "the defaults")).toEqual({ result: null, error: "There is no completed scoring run 9." });
  });

  it("throws anything but a refusal on, as the bug it is", async () => {
    const broken = () => Promise.reject(new TypeError("x is undefined"));
    await expect(reportOrDefault(broken, report("default"), "the defaults")).rejects.toThrow(TypeError);
    await expect(reportOrDefault(refuse("bad setting"), broken, "the defaults")).rejects.toThrow("x is undefined");
  });
});
