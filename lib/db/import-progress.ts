// An import's progress, written on the direct connection inside each batch's own transaction (part of the
// bulk write path, lib/db/bulk-insert.ts): the counts a job shows are exactly what the database holds, and
// its heartbeat moves with every batch. Everything else about jobs goes through Prisma (jobs.ts, imports.ts).
import type { StoredImportSummary } from "../csv/stored-import";
import { sealText } from "../auth/pii-crypto";
import type { DirectDb } from "./direct";

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
export async function saveImportProgress(db: DirectDb, jobId: number, p: ImportProgress & { bytesTotal: number }, errors: readonly RowErrorInput[]): Promise<void> {
  await db.run(`UPDATE "Import" SET "bytesRead"=?,"rowsRead"=?,"inserted"=?,"updated"=?,"unchanged"=?,"rejected"=?,"summary"=? WHERE "jobId"=?`, [
    p.bytesRead,
    p.rowsRead,
    p.inserted,
    p.updated,
    p.unchanged,
    p.rejected,
    JSON.stringify({ version: 1, counts: p.summary } satisfies StoredImportSummary),
    jobId,
  ]);
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const note = `${p.rowsRead.toLocaleString("en-GB")} rows read`;
  await db.run(`UPDATE "Job" SET "progress"=?,"progressNote"=?,"heartbeatAt"=? WHERE "id"=? AND "status"='running'`, [fraction, note, new Date(), jobId]);
  // Reason and row quote the file's cells: sealed like customers' email and name (lib/auth/pii-crypto.ts).
  await db.insertRows("ImportRowError", ["importJobId", "line", "column", "reason", "raw"], errors.map((e) => [jobId, e.line, e.column, sealText(e.reason), sealText(e.raw.slice(0, 2000))]));
}

export async function setImportErrorsPath(db: DirectDb, jobId: number, errorsPath: string): Promise<void> {
  await db.run(`UPDATE "Import" SET "errorsPath"=? WHERE "jobId"=?`, [errorsPath, jobId]);
}

/** Keeps a job alive through long steps between batches (rebuilding indexes after a large import). */
export async function touchJob(db: DirectDb, jobId: number, note?: string): Promise<void> {
  if (note === undefined) await db.run(`UPDATE "Job" SET "heartbeatAt"=? WHERE "id"=?`, [new Date(), jobId]);
  else await db.run(`UPDATE "Job" SET "heartbeatAt"=?,"progressNote"=? WHERE "id"=?`, [new Date(), note, jobId]);
}

/** Read after every commit, so a cancel is seen within a batch. */
export async function isCancelRequested(db: DirectDb, jobId: number): Promise<boolean> {
  const row = await db.first<[number]>(`SELECT "cancelRequested" FROM "Job" WHERE "id"=?`, [jobId]);
  return row?.[0] === 1;
}
