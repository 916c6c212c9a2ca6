// What the page, the API routes and the CLI call to import a file: one code path for all of them.
import { existsSync } from "node:fs";
import path from "node:path";
import type { ImportOptions } from "../../csv/import-options";
import { STORED_IMPORT_SUMMARY } from "../../csv/stored-import";
import { readStored } from "../../stored-json";
import { getImport, type ImportRecord, listImportRowErrors, listImports } from "../../db/imports";
import type { JobRow } from "../../db/jobs";
import { UserError } from "../../errors";
import { enqueueJob, runJobHere } from "../jobs/runner";
import { importJob, prepareImportJob } from "./import-job";
import { readUploadMeta, uploadPath } from "./uploads";

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

/** Imports a file here and now (CLI, tests, benchmark): queued as a job, run in this process, summarised. */
export async function importFile(filePath: string, fileName: string, options: ImportOptions, onTick?: (job: JobRow) => void): Promise<ImportSummary> {
  const started = performance.now();
  const { parameters, importRow } = await prepareImportJob(filePath, fileName, options);
  const jobId = await enqueueJob(importJob, parameters, importRow);
  const job = await runJobHere(jobId, onTick);
  if (job.status === "failed") throw new UserError(job.message ?? "The import failed.");
  const summary = await loadImportSummary(jobId);
  return { ...summary, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/** Queues the import of an uploaded file; the runner takes it from there. Returns the job id to follow. */
export async function startUploadImport(uploadId: string, options: ImportOptions): Promise<number> {
  const meta = await readUploadMeta(uploadId);
  const { parameters, importRow } = await prepareImportJob(uploadPath(uploadId), meta.fileName, options, uploadId);
  return enqueueJob(importJob, parameters, importRow);
}

function secondsBetween(a: Date | null, b: Date | null): number | null {
  return a && b ? Math.max(0, (b.getTime() - a.getTime()) / 1000) : null;
}

export interface ImportJobView extends Omit<ImportRecord, "errorsPath" | "summary"> {
  details: Record<string, number>;
  seconds: number | null;
  rowsPerSecond: number | null;
  fractionDone: number | null;
  secondsLeft: number | null;
  hasErrorsFile: boolean;
  errors: { line: number; column: string | null; reason: string }[];
}

export function toJobView(job: ImportRecord, errors: ImportJobView["errors"] = []): ImportJobView {
  const { errorsPath, summary, ...rest } = job;
  const end = job.finishedAt ?? (job.status === "running" ? new Date() : null);
  const seconds = secondsBetween(job.startedAt, end);
  const fractionDone = job.bytesTotal ? Math.min(1, job.bytesRead / job.bytesTotal) : null;
  const running = job.status === "running";
  return {
    ...rest,
    details: summary === null ? {} : readStored(STORED_IMPORT_SUMMARY, summary, `import ${job.id}`).counts,
    seconds,
    rowsPerSecond: seconds && seconds > 0 ? Math.round(job.rowsRead / seconds) : null,
    fractionDone: job.status === "completed" ? 1 : fractionDone,
    secondsLeft: running && seconds && fractionDone && fractionDone > 0.01 ? Math.round((seconds * (1 - fractionDone)) / fractionDone) : null,
    hasErrorsFile: Boolean(errorsPath && job.rejected > 0 && existsSync(errorsPath)),
    errors,
  };
}

export async function loadImportJob(jobId: number, errorCount = 20): Promise<ImportJobView | null> {
  const job = await getImport(jobId);
  if (!job) return null;
  return toJobView(job, job.rejected > 0 ? await listImportRowErrors(jobId, errorCount) : []);
}

export async function loadImportHistory(take = 50): Promise<ImportJobView[]> {
  return (await listImports({ take })).map((j) => toJobView(j));
}

/** The rejected-rows file of a job, for download; null when there is none. */
export async function rejectedRowsFile(jobId: number): Promise<{ path: string; downloadName: string } | null> {
  const job = await getImport(jobId);
  if (!job?.errorsPath || job.rejected === 0 || !existsSync(job.errorsPath)) return null;
  const stem = path.basename(job.fileName).replace(/\.(csv|tsv|txt)(\.gz)?$/i, "");
  return { path: job.errorsPath, downloadName: `${stem}-rejected-rows.csv` };
}

async function loadImportSummary(jobId: number): Promise<ImportSummary> {
  const job = await getImport(jobId);
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
