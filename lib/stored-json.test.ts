import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UserError } from "./errors";
import { addVersion, readStored, storedNumber, storedShape, StoredShapeError } from "./stored-json";

// Version 2 stores the total as `cents`; version 1 stored `euros`; version 0 was version 1 without a version.
const Total = z.object({ version: z.literal(2), cents: z.number().int(), labels: z.array(z.number()) });
type Total = z.infer<typeof Total>;
const shape = storedShape<Total>({
  name: "test total",
  version: 2,
  schema: Total,
  migrations: {
    0: addVersion(1),
    1: ({ euros, ...rest }) => ({ ...rest, version: 2, cents: Math.round((euros as number) * 100) }),
  },
  remedy: "compute it again",
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("readStored", () => {
  it("reads the current version as it is", () => {
    const row = { version: 2, cents: 1250, labels: [0, 1, 1] };
    expect(readStored(shape, JSON.parse(JSON.stringify(row)), "run 3")).toEqual(row);
  });

  it("migrates a version-1 row and a row without a version, one step at a time", () => {
    expect(readStored(shape, { version: 1, euros: 12.5, labels: [2] }, "run 3")).toEqual({ version: 2, cents: 1250, labels: [2] });
    expect(readStored(shape, { euros: 0.07, labels: [] }, "run 3")).toEqual({ version: 2, cents: 7, labels: [] });
  });

  it("refuses a newer version with a message the person can act on", () => {
    const e = thrown(() => readStored(shape, { version: 3, cents: 1, labels: [] }, "run 12"));
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe("conflict");
    expect((e as Error).message).toBe("The stored test total of run 12 is in format version 3, written by a newer MarketLens than this one (which reads version 2): compute it again.");
  });

  it("refuses an older version it has no migration for", () => {
    const noMigrations = storedShape<Total>({ name: "test total", version: 2, schema: Total, remedy: "compute it again" });
    const e = thrown(() => readStored(noMigrations, { euros: 1, labels: [] }, "run 12"));
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe("The stored test total of run 12 is in format version 0, which this version of MarketLens cannot read (it reads version 2): compute it again.");
  });

  it("refuses an older row the migrations turn into something that does not fit, as unreadable rather than damaged", () => {
    // euros missing: the migration makes cents NaN, which is not an integer.
    const e = thrown(() => readStored(shape, { version: 1, labels: [] }, "run 5"));
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe("The stored test total of run 5 is in format version 1, which this version of MarketLens cannot read (it reads version 2): compute it again.");
  });

  it("refuses a corrupt current row, naming the field but not its contents, as an error to log", () => {
    const e = thrown(() => readStored(shape, { version: 2, cents: 5, labels: "secret@example.com" }, "run 7"));
    expect(e).toBeInstanceOf(StoredShapeError);
    expect(e).not.toBeInstanceOf(UserError);
    expect((e as Error).message).toBe("The stored test total of run 7 is damaged (labels: Invalid input: expected array, received string) and cannot be read: compute it again.");
  });

  it.each([
    ["null", null],
    ["an array", [1, 2]],
    ["a string", "12"],
    ["a fractional version", { version: 1.5, cents: 1, labels: [] }],
    ["a version given as text", { version: "2", cents: 1, labels: [] }],
  ])("refuses %s as damaged", (_, value) => {
    const e = thrown(() => readStored(shape, value, "run 7"));
    expect(e).toBeInstanceOf(StoredShapeError);
    expect((e as Error).message).toBe("The stored test total of run 7 is damaged (not an object with a format version) and cannot be read: compute it again.");
  });
});

describe("storedNumber", () => {
  it("reads back the null that JSON wrote for NaN as NaN, and numbers as they are", () => {
    expect(storedNumber.parse(JSON.parse(JSON.stringify(NaN)))).toBeNaN();
    expect(storedNumber.parse(0.25)).toBe(0.25);
    expect(storedNumber.safeParse("0.25").success).toBe(false);
  });
});
