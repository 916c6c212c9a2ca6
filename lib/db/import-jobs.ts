// Import jobs: created and read through Prisma; progress written on the direct connection inside each
// batch's transaction, so the counts a job shows are exactly what the database holds.
import type Database from "better-sqlite3";
import { prepared, storedDate } from "./bulk-insert";
import { getDb } from "./client";

export type ImportStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

/** A running job whose heartbeat is older than this belonged to a process that stopped. */
export const STALE_AFTER_MS = 60_000;

export interface NewImportJob {
  kind: string;
  fileName: string;
  sourcePath: string;
  bytesTotal: number;
  dryRun: boolean;
  options: object;
}

export async function createImportJob(job: NewImportJob): Promise<number> {
  const row = await getDb().importJob.create({ data: { ...job, status: "pending" }, select: { id: true } });
  return row.id;
}

export interface ImportProgress {
  bytesRead: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  summary: Record<string, number>;
}

export interface RowErrorInput {
  line: number;
  column: string | null;
  reason: string;
  raw: string;
}

/** Writes the job's running totals (and its first row errors); call inside the batch's transaction. */
export function saveImportProgress(db: Database.Database, jobId: number, p: ImportProgress, errors: readonly RowErrorInput[]): void {
  prepared(
    db,
    `UPDATE "ImportJob" SET "status"='running',"bytesRead"=?,"rowsRead"=?,"inserted"=?,"updated"=?,"unchanged"=?,"rejected"=?,"summary"=?,"heartbeatAt"=? WHERE "id"=?`,
  ).run(p.bytesRead, p.rowsRead, p.inserted, p.updated, p.unchanged, p.rejected, JSON.stringify(p.summary), storedDate(new Date()), jobId);
  const insert = prepared(db, `INSERT INTO "ImportRowError" ("importJobId","line","column","reason","raw") VALUES (?,?,?,?,?)`);
  for (const e of errors) insert.run(jobId, e.line, e.column, e.reason, e.raw.slice(0, 2000));
}

export function markImportStarted(db: Database.Database, jobId: number, errorsPath: string): void {
  const now = storedDate(new Date());
  prepared(db, `UPDATE "ImportJob" SET "status"='running',"startedAt"=?,"heartbeatAt"=?,"errorsPath"=? WHERE "id"=?`).run(now, now, errorsPath, jobId);
}

export function finishImport(db: Database.Database, jobId: number, status: ImportStatus, message: string | null): void {
  prepared(db, `UPDATE "ImportJob" SET "status"=?,"message"=?,"finishedAt"=? WHERE "id"=?`).run(status, message, storedDate(new Date()), jobId);
}

export function isCancelRequested(db: Database.Database, jobId: number): boolean {
  const row = prepared(db, `SELECT "cancelRequested" FROM "ImportJob" WHERE "id"=?`).get(jobId) as { cancelRequested: number } | undefined;
  return row?.cancelRequested === 1;
}

export async function requestImportCancel(jobId: number): Promise<boolean> {
  const out = await getDb().importJob.updateMany({ where: { id: jobId, status: { in: ["pending", "running"] } }, data: { cancelRequested: true } });
  return out.count > 0;
}

const JOB_SELECT = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  dryRun: true,
  options: true,
  summary: true,
  bytesTotal: true,
  bytesRead: true,
  rowsRead: true,
  inserted: true,
  updated: true,
  unchanged: true,
  rejected: true,
  errorsPath: true,
  message: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
  sourcePath: true,
} as const;

export type ImportJobRecord = NonNullable<Awaited<ReturnType<typeof findJob>>>;

function findJob(id: number) {
  return getDb().importJob.findUnique({ where: { id }, select: JOB_SELECT });
}

/** A running job with an old heartbeat is reported as failed: its process is gone. */
function withLiveness<T extends { status: string; heartbeatAt: Date | null; message: string | null }>(job: T, now = Date.now()): T {
  if (job.status !== "running" && job.status !== "pending") return job;
  const beat = job.heartbeatAt?.getTime() ?? 0;
  if (job.status === "running" && now - beat > STALE_AFTER_MS) {
    return { ...job, status: "failed", message: "The import stopped (its process ended). What was committed before it stopped is kept; import the same file again to finish it without duplicates." };
  }
  return job;
}

export async function getImportJob(id: number): Promise<ImportJobRecord | null> {
  const job = await findJob(id);
  return job ? withLiveness(job) : null;
}

export async function listImportJobs(req: { take: number }): Promise<ImportJobRecord[]> {
  const rows = await getDb().importJob.findMany({ select: JOB_SELECT, orderBy: { id: "desc" }, take: req.take });
  return rows.map((r) => withLiveness(r));
}

export async function listImportRowErrors(jobId: number, take: number): Promise<{ line: number; column: string | null; reason: string }[]> {
  return getDb().importRowError.findMany({ where: { importJobId: jobId }, select: { line: true, column: true, reason: true }, orderBy: { line: "asc" }, take });
}
