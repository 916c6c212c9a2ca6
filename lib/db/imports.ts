// Reads of import jobs' file side: counts, first refused rows, history. Written by the import itself in
// each batch's transaction (import-progress.ts).
import { getDb } from "./client";
import type { ImportCounts } from "./import-progress";
import { isJobStatus, type JobStatus } from "./jobs";
import { revealPii } from "../auth/pii-crypto";

export interface ImportRecord extends ImportCounts {
  id: number;
  status: JobStatus;
  /** The import kind: customers, events, … */
  kind: string;
  fileName: string;
  dryRun: boolean;
  bytesTotal: number | null;
  summary: unknown;
  errorsPath: string | null;
  message: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const SELECT = {
  kind: true,
  fileName: true,
  dryRun: true,
  bytesTotal: true,
  bytesRead: true,
  rowsRead: true,
  inserted: true,
  updated: true,
  unchanged: true,
  rejected: true,
  summary: true,
  errorsPath: true,
  job: { select: { id: true, status: true, message: true, createdAt: true, startedAt: true, finishedAt: true } },
} as const;

type Selected = { job: { id: number; status: string; message: string | null; createdAt: Date; startedAt: Date | null; finishedAt: Date | null } } & Omit<ImportRecord, "id" | "status" | "message" | "createdAt" | "startedAt" | "finishedAt">;

function toRecord({ job, ...file }: Selected): ImportRecord {
  return { ...file, ...job, status: isJobStatus(job.status) ? job.status : "failed" };
}

export async function getImport(jobId: number): Promise<ImportRecord | null> {
  const r = await getDb().import.findUnique({ where: { jobId }, select: SELECT });
  return r ? toRecord(r) : null;
}

export async function listImports(req: { take: number }): Promise<ImportRecord[]> {
  return (await getDb().import.findMany({ orderBy: { jobId: "desc" }, take: req.take, select: SELECT })).map(toRecord);
}

export async function listImportRowErrors(jobId: number, take: number): Promise<{ line: number; column: string | null; reason: string }[]> {
  const rows = await getDb().importRowError.findMany({ where: { importJobId: jobId }, orderBy: { line: "asc" }, take, select: { line: true, column: true, reason: true } });
  return rows.map((r) => ({ ...r, reason: revealPii(r.reason) }));
}

/** When data last changed through an import: a stored analysis older than this is stale. */
export async function lastImportAt(): Promise<Date | null> {
  // Cancelled and failed imports keep what they committed, so they change the data too.
  const r = await getDb().job.findFirst({
    where: { kind: "import", status: { in: ["completed", "cancelled", "failed"] }, import: { dryRun: false, OR: [{ inserted: { gt: 0 } }, { updated: { gt: 0 } }] } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return r?.finishedAt ?? null;
}
