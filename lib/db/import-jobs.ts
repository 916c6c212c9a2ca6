// Import jobs, all on the direct connection: progress is written inside each batch's transaction, so the
// counts a job shows are exactly what the database holds, and a CLI import never has to start Prisma's
// query engine (about 70 MB of a process's memory) just to record its job.
import type Database from "better-sqlite3";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";

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
  const sql = `INSERT INTO "ImportJob" ("kind","fileName","sourcePath","bytesTotal","dryRun","options","status","createdAt") VALUES (?,?,?,?,?,?,'pending',?) RETURNING "id"`;
  const row = prepared(bulkConnection(), sql).get(job.kind, job.fileName, job.sourcePath, job.bytesTotal, job.dryRun ? 1 : 0, JSON.stringify(job.options), storedDate(new Date())) as { id: number };
  return row.id;
}

/** The running totals a job records after each batch. */
export interface ImportCounts {
  bytesRead: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
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

/** Keeps a job alive through long steps between batches (rebuilding indexes after a large import). */
export function touchImport(db: Database.Database, jobId: number): void {
  prepared(db, `UPDATE "ImportJob" SET "heartbeatAt"=? WHERE "id"=?`).run(storedDate(new Date()), jobId);
}

export function finishImport(db: Database.Database, jobId: number, status: ImportStatus, message: string | null): void {
  prepared(db, `UPDATE "ImportJob" SET "status"=?,"message"=?,"finishedAt"=? WHERE "id"=?`).run(status, message, storedDate(new Date()), jobId);
}

/** Cancel requests made in this process, seen at once even while the import's batch is uncommitted. */
const cancels: Set<number> = ((globalThis as { marketlensCancels?: Set<number> }).marketlensCancels ??= new Set());

export function isCancelRequested(db: Database.Database, jobId: number): boolean {
  if (cancels.has(jobId)) return true;
  const row = prepared(db, `SELECT "cancelRequested" FROM "ImportJob" WHERE "id"=?`).get(jobId) as { cancelRequested: number } | undefined;
  return row?.cancelRequested === 1;
}

export async function requestImportCancel(jobId: number): Promise<boolean> {
  const job = prepared(bulkConnection(), `SELECT "status" FROM "ImportJob" WHERE "id"=?`).get(jobId) as { status: string } | undefined;
  if (job && (job.status === "pending" || job.status === "running")) cancels.add(jobId);
  const sql = `UPDATE "ImportJob" SET "cancelRequested"=1 WHERE "id"=? AND "status" IN ('pending','running')`;
  return prepared(bulkConnection(), sql).run(jobId).changes > 0;
}

export interface ImportJobRecord extends ImportCounts {
  id: number;
  kind: string;
  fileName: string;
  status: ImportStatus;
  dryRun: boolean;
  sourcePath: string | null;
  options: unknown;
  summary: unknown;
  bytesTotal: number | null;
  errorsPath: string | null;
  message: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

const COLUMNS = `"id","kind","fileName","status","dryRun","sourcePath","options","summary","bytesTotal","bytesRead","rowsRead","inserted","updated","unchanged","rejected","errorsPath","message","createdAt","startedAt","finishedAt","heartbeatAt"`;

type Stored = Record<string, string | number | null>;
const date = (v: string | number | null | undefined): Date | null => (v === null || v === undefined ? null : new Date(v));
const json = (v: string | number | null | undefined): unknown => (typeof v === "string" ? JSON.parse(v) : null);

function toRecord(r: Stored): ImportJobRecord {
  return {
    id: r.id as number,
    kind: r.kind as string,
    fileName: r.fileName as string,
    status: r.status as ImportStatus,
    dryRun: r.dryRun === 1,
    sourcePath: r.sourcePath as string | null,
    options: json(r.options),
    summary: json(r.summary),
    bytesTotal: r.bytesTotal as number | null,
    bytesRead: r.bytesRead as number,
    rowsRead: r.rowsRead as number,
    inserted: r.inserted as number,
    updated: r.updated as number,
    unchanged: r.unchanged as number,
    rejected: r.rejected as number,
    errorsPath: r.errorsPath as string | null,
    message: r.message as string | null,
    createdAt: date(r.createdAt)!,
    startedAt: date(r.startedAt),
    finishedAt: date(r.finishedAt),
    heartbeatAt: date(r.heartbeatAt),
  };
}

/** A running job with an old heartbeat is reported as failed: its process is gone. */
function withLiveness(job: ImportJobRecord, now = Date.now()): ImportJobRecord {
  if (job.status !== "running") return job;
  const beat = job.heartbeatAt?.getTime() ?? 0;
  if (now - beat <= STALE_AFTER_MS) return job;
  return { ...job, status: "failed", message: "The import stopped (its process ended). What was committed before it stopped is kept; import the same file again to finish it without duplicates." };
}

export async function getImportJob(id: number): Promise<ImportJobRecord | null> {
  const row = prepared(bulkConnection(), `SELECT ${COLUMNS} FROM "ImportJob" WHERE "id"=?`).get(id) as Stored | undefined;
  return row ? withLiveness(toRecord(row)) : null;
}

export async function listImportJobs(req: { take: number }): Promise<ImportJobRecord[]> {
  const rows = prepared(bulkConnection(), `SELECT ${COLUMNS} FROM "ImportJob" ORDER BY "id" DESC LIMIT ?`).all(req.take) as Stored[];
  return rows.map((r) => withLiveness(toRecord(r)));
}

export async function listImportRowErrors(jobId: number, take: number): Promise<{ line: number; column: string | null; reason: string }[]> {
  const sql = `SELECT "line","column","reason" FROM "ImportRowError" WHERE "importJobId"=? ORDER BY "line" LIMIT ?`;
  return prepared(bulkConnection(), sql).all(jobId, take) as { line: number; column: string | null; reason: string }[];
}
