import { describe, expect, it } from "vitest";
import { readStored } from "../stored-json";
import { STORED_IMPORT_SUMMARY } from "./stored-import";

describe("a stored import summary", () => {
  it("reads back as written, and a bare summary from before versions as its counts", () => {
    expect(readStored(STORED_IMPORT_SUMMARY, { version: 1, counts: { customersCreated: 3 } }, "import 5")).toEqual({ version: 1, counts: { customersCreated: 3 } });
    expect(readStored(STORED_IMPORT_SUMMARY, { customersCreated: 3, productsCreated: 0 }, "import 5")).toEqual({ version: 1, counts: { customersCreated: 3, productsCreated: 0 } });
  });

  it("refuses counts that are not whole numbers", () => {
    expect(() => readStored(STORED_IMPORT_SUMMARY, { version: 1, counts: { customersCreated: "3" } }, "import 5")).toThrow(
      "The stored import summary of import 5 is damaged (counts.customersCreated: Invalid input: expected number, received string) and cannot be read: import the file again.",
    );
    // A bare summary from before versions with a bad count is unreadable as old, not damaged.
    expect(() => readStored(STORED_IMPORT_SUMMARY, { customersCreated: -1 }, "import 5")).toThrow("is in format version 0, which this version of MarketLens cannot read");
  });
});
