// What the page, the API routes and the CLI call to import a file: one code path for all of them.
import { existsSync } from "node:fs";
import path from "node:path";
import type { ImportOptions } from "../../csv/import-options";
import { createImportJob, getImportJob, type ImportJobRecord, listImportJobs, listImportRowErrors, requestImportCancel } from "../../db/import-jobs";
import { finishImport } from "../../db/import-jobs";
import { bulkConnection } from "../../db/bulk-insert";
import { checkMapping } from "../../csv/header-match";
import { analyseFile, ImportInputError } from "./analyse";
import { executeImport, type RunHooks } from "./run-import";
import { inspectSource } from "./source";
import { readUploadMeta, removeUpload, uploadPath } from "./uploads";

export interface ImportSummary {
  jobId: number;
  kind: string;
  fileName: string;
  status: string;
  dryRun: boolean;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Side effects: customers/products/campaigns created, rows by event type, guest lines, blank lines. */
  details: Record<string, number>;
  errors: { line: number; column: string | null; reason: string }[];
  errorsFile: string | null;
  seconds: number;
  message: string | null;
}

async function begin(filePath: string, fileName: string, options: ImportOptions) {
  if (!existsSync(filePath)) throw new ImportInputError(`There is no file at ${filePath}.`);
  // Refuse a mapping that does not fit the file before a job exists, rather than as a failed job.
  const { columns } = await analyseFile(filePath, { kind: options.kind, delimiter: options.delimiter, hasHeader: options.hasHeader, encoding: options.encoding });
  const problems = columns.length === options.mapping.length ? checkMapping(options.kind, options.mapping, columns) : [`The file has ${columns.length} columns but the mapping has ${options.mapping.length}.`];
  if (problems.length) throw new ImportInputError(problems.join(" "));
  const source = await inspectSource(filePath);
  const jobId = await createImportJob({ kind: options.kind, fileName, sourcePath: filePath, bytesTotal: source.bytesTotal, dryRun: options.dryRun, options });
  return { jobId, source };
}

async function fail(jobId: number, e: unknown): Promise<void> {
  const reason = e instanceof Error ? e.message : String(e);
  finishImport(bulkConnection(true), jobId, "failed", `The import stopped: ${reason}. Rows committed before this are kept; fix the problem and import the same file again to finish without duplicates.`);
}

/** Runs an import to the end (CLI, tests, benchmark) and returns its summary. */
export async function importFile(filePath: string, fileName: string, options: ImportOptions, hooks: RunHooks = {}): Promise<ImportSummary> {
  const started = performance.now();
  const { jobId, source } = await begin(filePath, fileName, options);
  try {
    await executeImport(jobId, source, options, hooks);
  } catch (e) {
    await fail(jobId, e);
    throw e;
  }
  const summary = await loadImportSummary(jobId);
  return { ...summary, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/** Starts importing an uploaded file in the background of the server process; returns the job id to poll. */
export async function startUploadImport(uploadId: string, options: ImportOptions): Promise<number> {
  const meta = await readUploadMeta(uploadId);
  const filePath = uploadPath(uploadId);
  const { jobId, source } = await begin(filePath, meta.fileName, options);
  void executeImport(jobId, source, options, {}, meta.fileName)
    .then((r) => (r.status === "completed" && !options.dryRun ? removeUpload(filePath) : undefined))
    .catch((e: unknown) => {
      console.error(`import ${jobId} failed:`, e instanceof Error ? e.message : e);
      return fail(jobId, e);
    });
  return jobId;
}

export async function cancelImport(jobId: number): Promise<boolean> {
  return requestImportCancel(jobId);
}

function secondsBetween(a: Date | null, b: Date | null): number | null {
  return a && b ? Math.max(0, (b.getTime() - a.getTime()) / 1000) : null;
}

export interface ImportJobView extends Omit<ImportJobRecord, "sourcePath" | "errorsPath" | "options" | "summary"> {
  details: Record<string, number>;
  seconds: number | null;
  rowsPerSecond: number | null;
  fractionDone: number | null;
  secondsLeft: number | null;
  hasErrorsFile: boolean;
  errors: { line: number; column: string | null; reason: string }[];
}

export function toJobView(job: ImportJobRecord, errors: ImportJobView["errors"] = []): ImportJobView {
  const { sourcePath: _s, errorsPath, options: _o, summary, ...rest } = job;
  const end = job.finishedAt ?? (job.status === "running" ? new Date() : null);
  const seconds = secondsBetween(job.startedAt, end);
  const fractionDone = job.bytesTotal ? Math.min(1, job.bytesRead / job.bytesTotal) : null;
  const running = job.status === "running";
  return {
    ...rest,
    details: (summary ?? {}) as Record<string, number>,
    seconds,
    rowsPerSecond: seconds && seconds > 0 ? Math.round(job.rowsRead / seconds) : null,
    fractionDone: job.status === "completed" ? 1 : fractionDone,
    secondsLeft: running && seconds && fractionDone && fractionDone > 0.01 ? Math.round((seconds * (1 - fractionDone)) / fractionDone) : null,
    hasErrorsFile: Boolean(errorsPath && job.rejected > 0 && existsSync(errorsPath)),
    errors,
  };
}

export async function loadImportJob(jobId: number, errorCount = 20): Promise<ImportJobView | null> {
  const job = await getImportJob(jobId);
  if (!job) return null;
  return toJobView(job, job.rejected > 0 ? await listImportRowErrors(jobId, errorCount) : []);
}

export async function loadImportHistory(take = 50): Promise<ImportJobView[]> {
  return (await listImportJobs({ take })).map((j) => toJobView(j));
}

/** The rejected-rows file of a job, for download; null when there is none. */
export async function rejectedRowsFile(jobId: number): Promise<{ path: string; downloadName: string } | null> {
  const job = await getImportJob(jobId);
  if (!job?.errorsPath || job.rejected === 0 || !existsSync(job.errorsPath)) return null;
  const stem = path.basename(job.fileName).replace(/\.(csv|tsv|txt)(\.gz)?$/i, "");
  return { path: job.errorsPath, downloadName: `${stem}-rejected-rows.csv` };
}

async function loadImportSummary(jobId: number): Promise<ImportSummary> {
  const job = await getImportJob(jobId);
  if (!job) throw new Error(`import job ${jobId} vanished`);
  const view = toJobView(job, await listImportRowErrors(jobId, 10));
  return {
    jobId,
    kind: job.kind,
    fileName: job.fileName,
    status: job.status,
    dryRun: job.dryRun,
    rowsRead: job.rowsRead,
    inserted: job.inserted,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    details: view.details,
    errors: view.errors,
    errorsFile: view.hasErrorsFile ? job.errorsPath : null,
    seconds: view.seconds ?? 0,
    message: job.message,
  };
}
