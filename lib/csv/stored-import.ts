// How an import's options and summary are stored (ImportJob.options and .summary today; the job tables'
// parameters and result after them). Options are the checked ImportOptions with a version; the summary
// (counts of customers, products and campaigns created or updated as a side effect) goes in an envelope,
// so a version field never mixes with the counts. Rows from before versions: options are the same shape
// without the field, and a summary is the bare counts.
import { z } from "zod";
import { addVersion, storedShape } from "../stored-json";
import { ImportOptions } from "./import-options";

const REMEDY = "import the file again";

export const STORED_IMPORT_OPTIONS = storedShape({
  name: "import options",
  version: 1,
  schema: ImportOptions.extend({ version: z.literal(1) }),
  migrations: { 0: addVersion(1) },
  remedy: REMEDY,
});

/** Counts by name: "customersCreated" → 12. */
export const ImportSummaryCounts = z.record(z.string(), z.number().int().min(0));
export type ImportSummaryCounts = z.infer<typeof ImportSummaryCounts>;

export const StoredImportSummary = z.object({ version: z.literal(1), counts: ImportSummaryCounts });
export type StoredImportSummary = z.infer<typeof StoredImportSummary>;

export const STORED_IMPORT_SUMMARY = storedShape({
  name: "import summary",
  version: 1,
  schema: StoredImportSummary,
  migrations: { 0: (bare) => ({ version: 1, counts: bare }) },
  remedy: REMEDY,
});
