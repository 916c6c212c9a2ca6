import { describe, expect, it } from "vitest";
import { readStored, StoredShapeError } from "../stored-json";
import type { ImportOptions } from "./import-options";
import { STORED_IMPORT_OPTIONS, STORED_IMPORT_SUMMARY } from "./stored-import";

const options: ImportOptions = { kind: "customers", delimiter: ",", hasHeader: true, encoding: "utf-8", decimalComma: false, dateFormat: "iso", mapping: ["externalId", "email", "attr:tier", ""], dryRun: false };

describe("stored import options", () => {
  it("read back as written, and from before versions", () => {
    expect(readStored(STORED_IMPORT_OPTIONS, { version: 1, ...options }, "import 5")).toEqual({ version: 1, ...options });
    expect(readStored(STORED_IMPORT_OPTIONS, JSON.parse(JSON.stringify(options)), "import 5")).toEqual({ version: 1, ...options });
  });

  it("refuse a newer version and a damaged row", () => {
    expect(() => readStored(STORED_IMPORT_OPTIONS, { version: 2, ...options }, "import 5")).toThrow(
      "The stored import options of import 5 is in format version 2, written by a newer MarketLens than this one (which reads version 1): import the file again.",
    );
    expect(() => readStored(STORED_IMPORT_OPTIONS, { version: 1, ...options, mapping: "externalId,email" }, "import 5")).toThrow(StoredShapeError);
  });
});

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
