import { describe, expect, it } from "vitest";
import { whileUnchanged } from "./data-cache";

describe("values kept while the data is unchanged", () => {
  it("computes once per stamp, again when a stamp changes, and shares a computation asked for at once", async () => {
    let stamp = "a";
    let runs = 0;
    const compute = async () => ++runs;
    const get = () => whileUnchanged("test count", [async () => stamp, async () => "fixed"], compute);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    expect(await get()).toBe(1);
    stamp = "b";
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    // Another key is its own value.
    expect(await whileUnchanged("test other", [async () => stamp], async () => "x")).toBe("x");
  });

  it("does not keep a failure: the next request computes again", async () => {
    let fail = true;
    const get = () => whileUnchanged("test failing", [async () => "s"], async () => {
      if (fail) throw new Error("database gone");
      return 42;
    });
    await expect(get()).rejects.toThrow("database gone");
    fail = false;
    expect(await get()).toBe(42);
  });
});
