// An import's progress, written on the direct connection inside each batch's own transaction (part of the
// bulk write path, lib/db/bulk-insert.ts): the counts a job shows are exactly what the database holds, and
// its heartbeat moves with every batch. Everything else about jobs goes through Prisma (jobs.ts, imports.ts).
import type Database from "better-sqlite3";
import type { StoredImportSummary } from "../csv/stored-import";
import { prepared, storedDate } from "./bulk-insert";
import { sealText } from "../auth/pii-crypto";

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
export function saveImportProgress(db: Database.Database, jobId: number, p: ImportProgress & { bytesTotal: number }, errors: readonly RowErrorInput[]): void {
  prepared(db, `UPDATE "Import" SET "bytesRead"=?,"rowsRead"=?,"inserted"=?,"updated"=?,"unchanged"=?,"rejected"=?,"summary"=? WHERE "jobId"=?`).run(
    p.bytesRead,
    p.rowsRead,
    p.inserted,
    p.updated,
    p.unchanged,
    p.rejected,
    JSON.stringify({ version: 1, counts: p.summary } satisfies StoredImportSummary),
    jobId,
  );
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const note = `${p.rowsRead.toLocaleString("en-GB")} rows read`;
  prepared(db, `UPDATE "Job" SET "progress"=?,"progressNote"=?,"heartbeatAt"=? WHERE "id"=? AND "status"='running'`).run(fraction, note, storedDate(new Date()), jobId);
  const insert = prepared(db, `INSERT INTO "ImportRowError" ("importJobId","line","column","reason","raw") VALUES (?,?,?,?,?)`);
  // Reason and row quote the file's cells: sealed like customers' email and name (lib/auth/pii-crypto.ts).
  for (const e of errors) insert.run(jobId, e.line, e.column, sealText(e.reason), sealText(e.raw.slice(0, 2000)));
}

export function setImportErrorsPath(db: Database.Database, jobId: number, errorsPath: string): void {
  prepared(db, `UPDATE "Import" SET "errorsPath"=? WHERE "jobId"=?`).run(errorsPath, jobId);
}

/** Keeps a job alive through long steps between batches (rebuilding indexes after a large import). */
export function touchJob(db: Database.Database, jobId: number, note?: string): void {
  if (note === undefined) prepared(db, `UPDATE "Job" SET "heartbeatAt"=? WHERE "id"=?`).run(storedDate(new Date()), jobId);
  else prepared(db, `UPDATE "Job" SET "heartbeatAt"=?,"progressNote"=? WHERE "id"=?`).run(storedDate(new Date()), note, jobId);
}

/** Read after every commit on the same connection, so a cancel is seen within a batch. */
export function isCancelRequested(db: Database.Database, jobId: number): boolean {
  const row = prepared(db, `SELECT "cancelRequested" FROM "Job" WHERE "id"=?`).get(jobId) as { cancelRequested: number } | undefined;
  return row?.cancelRequested === 1;
}
