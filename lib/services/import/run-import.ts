// The import engine: streams the file through Papaparse, checks every row, writes good rows in batches of
// BATCH_ROWS, each batch in one transaction together with the job's running totals, and records every
// refused row. Shared by the upload page (in the background) and the CLI (awaited).
import path from "node:path";
import type { Readable } from "node:stream";
import Papa from "papaparse";
import { OccurrenceCounter } from "../../csv/dedupe";
import { checkMapping, columnNames } from "../../csv/header-match";
import type { ImportOptions } from "../../csv/import-options";
import { createRowReader, type RowReader } from "../../csv/row-schema";
import { bulkConnection } from "../../db/bulk-insert";
import { type BulkTable, dropSecondaryIndexes, hasFewRows, restoreIndexes } from "../../db/bulk-load";
import { finishImport, type ImportProgress, isCancelRequested, markImportStarted } from "../../db/import-jobs";
import { createImportWriter, type ImportedRow } from "../../db/import-writers";
import { dataDir } from "../../env";
import { BatchTransaction } from "./batch-transaction";
import { RejectedRowsFile } from "./rejected-rows";
import { openTextStream, type SourceInfo } from "./source";

/**
 * Rows per transaction. Event's customer and product indexes take inserts in random order, so each commit
 * rewrites the index pages it touched: 50,000-row commits ran Online Retail ~3× faster than 5,000-row ones
 * and keep about 25 MB of rows in memory.
 */
export const BATCH_ROWS = 50_000;
/** A slow file still shows progress: commit at least this often. */
const COMMIT_EVERY_MS = 1_000;

export interface RunHooks {
  onProgress?: (p: ImportProgress & { bytesTotal: number }) => void;
}

export interface RunResult {
  status: "completed" | "cancelled";
  progress: ImportProgress;
  blankLines: number;
  errorsFile: string | null;
}


export function rejectedRowsPath(jobId: number): string {
  return path.join(dataDir(), "imports", `import-${jobId}-rejected.csv`);
}

export async function executeImport(jobId: number, source: Pick<SourceInfo, "path" | "isGzip" | "bytesTotal">, o: ImportOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const db = bulkConnection(!o.dryRun);
  const progressDb = bulkConnection(true);
  const bulkTable = bulkLoadTable(o);
  const writer = createImportWriter(o.kind, {
    mappedFields: o.mapping.filter((t) => t && !t.startsWith("attr:")),
    fileStem: path.basename(source.path),
    // Sized for the file up front (event rows run ~50 bytes), so the table rarely has to grow.
    seen: new OccurrenceCounter(bulkTable ? Math.min(20_000_000, ((source.isGzip ? 5 : 1) * source.bytesTotal) / 50) : 0),
    dryRun: o.dryRun,
  });
  const parseOptions = { decimalComma: o.decimalComma, dateFormat: o.dateFormat, eventType: o.eventType };
  let reader: RowReader | null = null;
  let line = 1;
  let blankLines = 0;
  let latin1From: number | null = null;
  const errors = new RejectedRowsFile(rejectedRowsPath(jobId), () => reader?.columns ?? columnNames(null, o.mapping.length));
  const tx = new BatchTransaction(db, progressDb, jobId, o.dryRun, writer, errors, o.delimiter);
  const extra = () => ({ ...(blankLines ? { blankLines } : {}), ...(latin1From !== null ? { readAsLatin1FromByte: latin1From } : {}) });
  markImportStarted(progressDb, jobId, errors.filePath);

  const startReader = (headers: readonly string[] | null) => {
    const names = columnNames(headers, o.mapping.length);
    const problems = headers && headers.length !== o.mapping.length ? [`The header has ${headers.length} columns but the mapping has ${o.mapping.length}.`] : checkMapping(o.kind, o.mapping, names);
    if (problems.length) throw new Error(problems.join(" "));
    reader = createRowReader(o.kind, o.mapping, headers, parseOptions);
  };

  /** Checks a record; returns the row to write, or null when it was a header, a blank line or refused. */
  const readRecord = (cells: string[], parseError: string | undefined): ImportedRow | null => {
    const at = line;
    for (const cell of cells) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;
    line++;
    if (cells.length === 1 && cells[0] === "" && !parseError) return blankLines++, null;
    if (!reader) {
      if (o.hasHeader) return startReader(cells.map((c) => c.trim())), null;
      startReader(null);
    }
    tx.progress.rowsRead++;
    const res = parseError ? { ok: false as const, issues: [{ column: null, reason: parseError }] } : reader!.read(cells);
    if (res.ok) return { line: at, row: res.row };
    tx.reject({ line: at, issues: res.issues, cells });
    return null;
  };

  let cancelled = false;
  let lastCommit = performance.now();
  const commit = () => {
    tx.commit(extra());
    lastCommit = performance.now();
    hooks.onProgress?.({ ...tx.progress, bytesTotal: source.bytesTotal });
    cancelled = isCancelRequested(progressDb, jobId);
  };
  const handleChunk = (records: string[][], errorsByRow: Map<number, string>) => {
    let rows: ImportedRow[] = [];
    for (let i = 0; i < records.length && !cancelled; i++) {
      const row = readRecord(records[i]!, errorsByRow.get(i));
      if (row) rows.push(row);
      if (tx.pending + rows.length < BATCH_ROWS) continue;
      tx.write(rows);
      rows = [];
      commit();
    }
    if (cancelled) return;
    tx.write(rows);
    if (performance.now() - lastCommit > COMMIT_EVERY_MS) commit();
  };

  restoreIndexes(db);
  if (bulkTable && hasFewRows(db, bulkTable)) dropSecondaryIndexes(db, bulkTable);
  const stream = openTextStream(source, o.encoding, (n) => (tx.progress.bytesRead = n), (at) => (latin1From = at));
  try {
    await parseStream(stream, o.delimiter, (records, errorsByRow) => {
      handleChunk(records, errorsByRow);
      return cancelled;
    });
    if (!reader && !cancelled) throw new Error("The file has no rows.");
    if (!cancelled) commit();
  } catch (e) {
    tx.abort();
    throw e;
  } finally {
    stream.destroy();
    errors.close();
    if (bulkTable) restoreIndexes(db);
  }
  const p = tx.progress;
  const status = cancelled ? "cancelled" : "completed";
  const message = cancelled
    ? `Cancelled after ${p.rowsRead.toLocaleString("en-GB")} rows; the rows written before cancelling are kept. Import the same file again to finish it.`
    : p.rejected > 0
      ? `${p.rejected.toLocaleString("en-GB")} rows were refused; download them with their reasons, fix them and import that file.`
      : null;
  finishImport(progressDb, jobId, status, message);
  return { status, progress: p, blankLines, errorsFile: errors.written > 0 ? errors.filePath : null };
}

function bulkLoadTable(o: ImportOptions): BulkTable | null {
  if (o.dryRun) return null;
  if (o.kind === "events" || o.kind === "transactions") return "Event";
  return o.kind === "campaign-events" ? "CampaignEvent" : null;
}

/**
 * Feeds Papaparse's chunks of records to `onChunk` until the stream ends or onChunk returns true (stop).
 * Papaparse reports unbalanced quotes per record; they arrive as that record's error.
 */
function parseStream(stream: Readable, delimiter: string, onChunk: (records: string[][], errorsByRow: Map<number, string>) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (e?: unknown) => {
      if (settled) return;
      settled = true;
      if (e) reject(e);
      else resolve();
    };
    stream.on("error", settle);
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter,
      skipEmptyLines: false,
      chunk(results, parser) {
        try {
          const errorsByRow = new Map(results.errors.map((e) => [e.row ?? -1, `${e.message} (the row's quotes do not pair up)`]));
          if (onChunk(results.data, errorsByRow)) {
            parser.abort();
            settle();
          }
        } catch (e) {
          parser.abort();
          settle(e);
        }
      },
      complete: () => settle(),
      error: (e: Error) => settle(e),
    });
  });
}
