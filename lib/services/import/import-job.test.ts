// An import job's stored parameters: what is queued reads back the same, a row the one-job-table
// migration wrote from an old ImportJob reads too, and a newer or damaged row is refused, never misread.
import { describe, expect, it } from "vitest";
import type { ImportOptions } from "../../csv/import-options";
import { readStored, StoredShapeError } from "../../stored-json";
import { importJob } from "./import-job";

const options: ImportOptions = { kind: "customers", delimiter: ",", hasHeader: true, encoding: "utf-8", decimalComma: false, dateFormat: "iso", mapping: ["externalId", "email", "attr:tier", ""], dryRun: false, hashEmails: false };
const read = (v: unknown) => readStored(importJob.parameters, v, "job 5");

describe("stored import parameters", () => {
  it("read back as queued, an upload's id included", () => {
    const queued = { version: 1, sourcePath: "/data/uploads/u1", fileName: "customers.csv", uploadId: "u1", options };
    expect(read(JSON.parse(JSON.stringify(queued)))).toEqual(queued);
  });

  it("read a row the migration wrote from an old import (options from before versions)", () => {
    // prisma/migrations/20261203194945_one_job_table: json_object('version', 1, 'sourcePath', …, 'fileName', …, 'options', …)
    expect(read({ version: 1, sourcePath: "/x/a.csv", fileName: "a.csv", options })).toEqual({ version: 1, sourcePath: "/x/a.csv", fileName: "a.csv", options });
  });

  it("refuse a newer version and a damaged row", () => {
    expect(() => read({ version: 2, sourcePath: "/x", fileName: "a.csv", options })).toThrow(
      "The stored import settings of job 5 is in format version 2, written by a newer MarketLens than this one (which reads version 1): upload the file and import it again.",
    );
    expect(() => read({ version: 1, sourcePath: "/x", fileName: "a.csv", options: { ...options, mapping: "externalId,email" } })).toThrow(StoredShapeError);
  });
});
