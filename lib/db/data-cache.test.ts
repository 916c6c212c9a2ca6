import { describe, expect, it } from "vitest";
import { whileUnchanged } from "./data-cache";

describe("values kept while the data is unchanged", () => {
  it("computes once per stamp, again when a stamp changes, and shares a first computation asked for at once", async () => {
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

  it("gives the value from before while a newer one is computed, then the newer one", async () => {
    let stamp = "a";
    let release: () => void = () => {};
    let runs = 0;
    const compute = async () => {
      runs++;
      if (runs === 2) await new Promise<void>((r) => (release = r));
      return `value ${runs}`;
    };
    const get = () => whileUnchanged("test stale", [async () => stamp], compute);
    expect(await get()).toBe("value 1");
    stamp = "b";
    const fresh = get(); // starts the second computation, and waits for it
    await new Promise((r) => setTimeout(r, 5));
    const same = get(); // the data as the computation under way reads it: waits for that one
    stamp = "c"; // the data changed again meanwhile (an import writing)
    expect(await get()).toBe("value 1"); // the value from before, at once
    expect(runs).toBe(2);
    release();
    expect([await fresh, await same]).toEqual(["value 2", "value 2"]);
    expect(await get()).toBe("value 3"); // "c" is computed once nothing else is under way
    expect(await get()).toBe("value 3");
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
