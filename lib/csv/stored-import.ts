// How an import's summary is stored (Import.summary): counts of customers, products and campaigns created
// or updated on the way, rows by event type, in an envelope so a version field never mixes with the
// counts. Rows from before versions hold the bare counts. (Its options are the job's parameters:
// lib/services/import/import-job.ts.)
import { z } from "zod";
import { storedShape } from "../stored-json";

const REMEDY = "import the file again";

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
