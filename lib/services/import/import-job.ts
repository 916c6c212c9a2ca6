// Importing a file is a job like any other: queued with its parameters, claimed by the runner, run here or
// in a child process. Its counts and refused rows are written batch by batch (run-import.ts).
import { existsSync } from "node:fs";
import { z } from "zod";
import { checkMapping } from "../../csv/header-match";
import { ImportOptions } from "../../csv/import-options";
import { UserError } from "../../errors";
import { storedShape } from "../../stored-json";
import { JobCancelled, type JobKindSpec } from "../jobs/job-kind";
import { analyseFile } from "./analyse";
import { executeImport } from "./run-import";
import { inspectSource } from "./source";
import { removeUpload } from "./uploads";

export const IMPORT_JOB_KIND = "import";

export const ImportJobParameters = z.object({
  version: z.literal(1),
  /** Where the file is read from: an upload in data/uploads, or a path given to the CLI. */
  sourcePath: z.string().min(1),
  fileName: z.string().min(1),
  /** Set for uploads: the file is removed once imported. */
  uploadId: z.string().max(64).optional(),
  options: ImportOptions,
});
export type ImportJobParameters = z.infer<typeof ImportJobParameters>;

export const importJob: JobKindSpec<ImportJobParameters> = {
  kind: IMPORT_JOB_KIND,
  label: "Importing",
  parameters: storedShape({ name: "import settings", version: 1, schema: ImportJobParameters, remedy: "upload the file and import it again" }),
  ownHeartbeat: true,
  afterFailure: "Rows committed before this are kept; fix the problem and import the same file again to finish without duplicates.",
  async run(p, ctx) {
    if (!existsSync(p.sourcePath)) throw new UserError(`The file ${p.fileName} is no longer there; upload it again.`);
    const source = await inspectSource(p.sourcePath);
    const r = await executeImport(ctx.jobId, source, p.options, ctx, p.fileName);
    if (r.status === "cancelled") throw new JobCancelled(r.message ?? undefined);
    if (p.uploadId && !p.options.dryRun) await removeUpload(p.sourcePath);
    return { result: null, message: r.message };
  },
};

/**
 * Checks that the mapping fits the file (refused here rather than as a failed job) and returns the job's
 * parameters and file row, ready to queue.
 */
export async function prepareImportJob(sourcePath: string, fileName: string, options: ImportOptions, uploadId?: string) {
  if (!existsSync(sourcePath)) throw new UserError(`There is no file at ${sourcePath}.`);
  const { columns } = await analyseFile(sourcePath, { kind: options.kind, delimiter: options.delimiter, hasHeader: options.hasHeader, encoding: options.encoding });
  const problems = columns.length === options.mapping.length ? checkMapping(options.kind, options.mapping, columns) : [`The file has ${columns.length} columns but the mapping has ${options.mapping.length}.`];
  if (problems.length) throw new UserError(problems.join(" "));
  const source = await inspectSource(sourcePath);
  const parameters = { sourcePath, fileName, ...(uploadId ? { uploadId } : {}), options };
  return { parameters, importRow: { kind: options.kind, fileName, dryRun: options.dryRun, bytesTotal: source.bytesTotal } };
}
