// The import engine, the body of the import job (import-job.ts): streams the file through Papaparse,
// checks every row, writes good rows in batches of BATCH_ROWS, each batch in one transaction together with
// the job's running totals, and records every refused row. The job runner runs one job at a time, so an
// import has the process's direct connection to itself (SQLite), or a client of its own (PostgreSQL).
import path from "node:path";
import { columnNames } from "../../csv/header-match";
import type { ImportOptions } from "../../csv/import-options";
import { bulkConnection } from "../../db/bulk-insert";
import { directDb, type DirectSession, directSession } from "../../db/direct";
import { type BulkTable, dropSecondaryIndexes, hasFewRows, restoreIndexes, TimeOrderedIndexes } from "../../db/bulk-load";
import { refreshPurchaseStats } from "../../db/purchase-stats";
import { type ImportProgress, isCancelRequested, setImportErrorsPath, touchJob } from "../../db/import-progress";
import { createImportWriter } from "../../db/import-writers";
import { configuredProvider, dataDir } from "../../env";
import type { JobContext } from "../jobs/job-kind";
import { BatchTransaction } from "./batch-transaction";
import { mappedFields, type PreparedChunk } from "./prepare-rows";
import { readPrepared } from "./read-prepared";
import { RejectedRowsFile } from "./rejected-rows";
import { loadSuppressionFilter } from "./suppression";
import { storedEmailHash } from "../../auth/pii-hash";
import type { SourceInfo } from "./source";

/**
 * Rows per transaction. Event's customer and product indexes take inserts in random order, so each commit
 * rewrites the index pages it touched: 50,000-row commits ran Online Retail ~3× faster than 5,000-row ones
 * and keep about 25 MB of rows in memory.
 */
export const BATCH_ROWS = 50_000;
/** A slow file still shows progress: commit at least this often. */
const COMMIT_EVERY_MS = 1_000;

export interface RunResult {
  status: "completed" | "cancelled";
  progress: ImportProgress;
  blankLines: number;
  errorsFile: string | null;
  /** For the person: what was kept after a cancel, or where the refused rows are. */
  message: string | null;
}


export function rejectedRowsPath(jobId: number): string {
  return path.join(dataDir(), "imports", `import-${jobId}-rejected.csv`);
}

/** Runs one claimed import job to its end (or its cancel); throws on a file it cannot read. */
export async function executeImport(jobId: number, source: Pick<SourceInfo, "path" | "isGzip" | "bytesTotal">, o: ImportOptions, ctx: Pick<JobContext, "isCancelAsked">, fileName = path.basename(source.path)): Promise<RunResult> {
  const db = await directSession({ checked: !o.dryRun });
  try {
    return await runWith(db, jobId, source, o, ctx, fileName);
  } finally {
    db.release();
  }
}

async function runWith(db: DirectSession, jobId: number, source: Pick<SourceInfo, "path" | "isGzip" | "bytesTotal">, o: ImportOptions, ctx: Pick<JobContext, "isCancelAsked">, fileName: string): Promise<RunResult> {
  const progressDb = directDb();
  // SQLite only: PostgreSQL keeps its indexes through an import (set-based writes, no per-row index churn).
  const sqlite = configuredProvider() === "sqlite" ? bulkConnection() : null;
  const bulkTable = sqlite ? bulkLoadTable(o) : null;
  const writer = createImportWriter(o.kind, { mappedFields: mappedFields(o), fileStem: fileName, dryRun: o.dryRun, hashEmail: o.hashEmails ? storedEmailHash : undefined });
  let columns: string[] | null = null;
  let blankLines = 0;
  let latin1From: number | null = null;
  const errors = new RejectedRowsFile(rejectedRowsPath(jobId), () => columns ?? columnNames(null, o.mapping.length), o.delimiter);
  const tx = new BatchTransaction(db, progressDb, jobId, source.bytesTotal, o.dryRun, writer, errors, o.delimiter);
  const extra = () => ({ ...(blankLines ? { blankLines } : {}), ...(latin1From !== null ? { readAsLatin1FromByte: latin1From } : {}) });
  await setImportErrorsPath(progressDb, jobId, errors.filePath);

  let cancelled = false;
  let lastCommit = performance.now();
  const commit = async () => {
    await tx.commit(extra());
    lastCommit = performance.now();
    cancelled = ctx.isCancelAsked() || (await isCancelRequested(progressDb, jobId));
  };
  /** Writes one prepared chunk, committing every BATCH_ROWS rows; returns true once cancelled. */
  const suppression = await loadSuppressionFilter(progressDb, o.kind);
  const apply = async (prepared: PreparedChunk): Promise<boolean> => {
    const split = suppression?.split(prepared.rows);
    const chunk = split ? { ...prepared, rows: split.kept, rejected: [...prepared.rejected, ...split.refused].sort((a, b) => a.line - b.line) } : prepared;
    columns ??= chunk.columns;
    blankLines = chunk.blankLines;
    for (const r of chunk.rejected) tx.reject(r);
    for (let i = 0; i < chunk.rows.length && !cancelled; ) {
      const take = Math.max(1, BATCH_ROWS - tx.pending);
      const rows = i === 0 && take >= chunk.rows.length ? chunk.rows : chunk.rows.slice(i, i + take);
      if (timeOrdered) {
        await tx.begin();
        timeOrdered.observe(rows.map((r) => r.at));
      }
      await tx.write(rows);
      i += take;
      if (tx.pending >= BATCH_ROWS) await commit();
    }
    if (tx.pending >= BATCH_ROWS || (!cancelled && performance.now() - lastCommit > COMMIT_EVERY_MS)) await commit();
    return cancelled;
  };

  if (sqlite) restoreIndexes(sqlite);
  const bulkLoad = sqlite && bulkTable && hasFewRows(sqlite, bulkTable);
  if (bulkLoad) dropSecondaryIndexes(sqlite, bulkTable);
  const timeOrdered = bulkLoad ? new TimeOrderedIndexes(sqlite, bulkTable) : null;
  // The write-ahead log is copied into the database when it passes this many pages (256 MB here, 4 MB by
  // default): pages a big import rewrites batch after batch are copied once, not at every commit.
  if (sqlite) sqlite.pragma("wal_autocheckpoint = 65536");
  // Sized for the file up front (event rows run ~50 bytes), so the dedupe table rarely has to grow.
  const expectedRows = bulkTable ? Math.min(20_000_000, ((source.isGzip ? 5 : 1) * source.bytesTotal) / 50) : 0;
  const progress = { onBytes: (n: number) => (tx.progress.bytesRead = n), onLatin1: (at: number) => (latin1From = at) };
  try {
    const { started } = await readPrepared({ source: { path: source.path, isGzip: source.isGzip }, options: o, expectedRows }, progress, apply);
    if (!started && !cancelled) throw new Error("The file has no rows.");
    if (!cancelled) await commit();
    if (o.dryRun) await tx.abort();
  } catch (e) {
    await tx.abort();
    throw e;
  } finally {
    errors.close();
    // Failures here must not hide the import's own error: they are logged, and the next start retries.
    try {
      await touchJob(progressDb, jobId, bulkTable ? "Rebuilding indexes…" : undefined);
      if (sqlite && bulkTable) restoreIndexes(sqlite);
      if (sqlite) {
        sqlite.pragma("wal_autocheckpoint = 1000");
        sqlite.pragma("wal_checkpoint(PASSIVE)");
      }
      await touchJob(progressDb, jobId, !o.dryRun && (o.kind === "events" || o.kind === "transactions") ? "Summarising purchases…" : undefined);
      // Whatever was committed, even by a failed or cancelled run, counts in rule segments from now on.
      if (!o.dryRun && (o.kind === "events" || o.kind === "transactions")) await refreshPurchaseStats();
    } catch (e) {
      console.error(`import ${jobId}: could not restore indexes or purchase totals (${e instanceof Error ? e.name : "error"}); the next start will`);
    }
  }
  const p = tx.progress;
  const status = cancelled ? "cancelled" : "completed";
  const message = cancelled
    ? `Cancelled after ${p.rowsRead.toLocaleString("en-GB")} rows; the rows written before cancelling are kept. Import the same file again to finish it.`
    : p.rejected > 0
      ? `${p.rejected.toLocaleString("en-GB")} rows were refused; download them with their reasons, fix them and import that file.`
      : null;
  return { status, progress: p, blankLines, errorsFile: errors.written > 0 ? errors.filePath : null, message };
}

function bulkLoadTable(o: ImportOptions): BulkTable | null {
  if (o.dryRun) return null;
  if (o.kind === "events" || o.kind === "transactions") return "Event";
  return o.kind === "campaign-events" ? "CampaignEvent" : null;
}

