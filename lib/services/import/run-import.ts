// The import engine: streams the file through Papaparse, checks every row, writes good rows in batches of
// BATCH_ROWS, each batch in one transaction together with the job's running totals, and records every
// refused row. Shared by the upload page (in the background) and the CLI (awaited).
import path from "node:path";
import Papa from "papaparse";
import { OccurrenceCounter } from "../../csv/dedupe";
import { checkMapping, columnNames } from "../../csv/header-match";
import type { ImportOptions } from "../../csv/import-options";
import { createRowReader, type RowReader } from "../../csv/row-schema";
import { bulkConnection } from "../../db/bulk-insert";
import { type BulkTable, dropSecondaryIndexes, hasFewRows, restoreIndexes } from "../../db/bulk-load";
import { finishImport, type ImportProgress, isCancelRequested, markImportStarted, type RowErrorInput, saveImportProgress } from "../../db/import-jobs";
import { createImportWriter, type ImportedRow } from "../../db/import-writers";
import { dataDir } from "../../env";
import { describeIssues, type RejectedRow, RejectedRowsFile } from "./rejected-rows";
import { openTextStream, type SourceInfo } from "./source";

/**
 * Rows per transaction. Event's customer and product indexes take inserts in random order, so each commit
 * rewrites the index pages it touched: 50,000-row commits ran Online Retail ~3× faster than 5,000-row ones
 * and keep about 25 MB of rows in memory.
 */
export const BATCH_ROWS = 50_000;
/** A slow file still shows progress: commit at least this often. */
const COMMIT_EVERY_MS = 2_000;
/** Row errors kept in the database for the page; the file holds all of them. */
const ERRORS_IN_DB = 1_000;

export interface RunHooks {
  onProgress?: (p: ImportProgress & { bytesTotal: number }) => void;
}

export interface RunResult {
  status: "completed" | "cancelled";
  progress: ImportProgress;
  blankLines: number;
  errorsFile: string | null;
}

interface State {
  reader: RowReader | null;
  line: number;
  batch: ImportedRow[];
  rejected: RejectedRow[];
  progress: ImportProgress;
  blankLines: number;
  errorsInDb: number;
}

export function rejectedRowsPath(jobId: number): string {
  return path.join(dataDir(), "imports", `import-${jobId}-rejected.csv`);
}

export async function executeImport(jobId: number, source: Pick<SourceInfo, "path" | "isGzip" | "bytesTotal">, o: ImportOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const db = bulkConnection(!o.dryRun);
  const progressDb = bulkConnection(true);
  const writer = createImportWriter(o.kind, {
    mappedFields: o.mapping.filter((t) => t && !t.startsWith("attr:")),
    fileStem: path.basename(source.path),
    seen: new OccurrenceCounter(),
    dryRun: o.dryRun,
  });
  const parseOptions = { decimalComma: o.decimalComma, dateFormat: o.dateFormat, eventType: o.eventType };
  const s: State = { reader: null, line: 1, batch: [], rejected: [], blankLines: 0, errorsInDb: 0, progress: { bytesRead: 0, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, summary: {} } };
  const errors = new RejectedRowsFile(rejectedRowsPath(jobId), () => s.reader?.columns ?? columnNames(null, o.mapping.length));
  markImportStarted(progressDb, jobId, errors.filePath);

  const startReader = (headers: readonly string[] | null) => {
    const names = columnNames(headers, o.mapping.length);
    const problems = headers && headers.length !== o.mapping.length ? [`The header has ${headers.length} columns but the mapping has ${o.mapping.length}.`] : checkMapping(o.kind, o.mapping, names);
    if (problems.length) throw new Error(problems.join(" "));
    s.reader = createRowReader(o.kind, o.mapping, headers, parseOptions);
  };

  const commit = () => {
    const rejectedNow = s.rejected;
    const dbErrors: RowErrorInput[] = rejectedNow.slice(0, Math.max(0, ERRORS_IN_DB - s.errorsInDb)).map((r) => ({ line: r.line, ...describeIssues(r.issues), raw: r.cells.join(o.delimiter) }));
    const write = () => {
      const c = writer.write(db, s.batch);
      s.progress.inserted += c.inserted;
      s.progress.updated += c.updated;
      s.progress.unchanged += c.unchanged;
      s.progress.rejected += rejectedNow.length;
      s.progress.summary = { ...writer.summary(), ...(s.blankLines ? { blankLines: s.blankLines } : {}), ...(latin1From !== null ? { readAsLatin1FromByte: latin1From } : {}) };
    };
    if (o.dryRun) {
      // A dry run does the real writes, so its counts are exact, then rolls them back.
      db.exec("BEGIN");
      try {
        write();
      } finally {
        db.exec("ROLLBACK");
      }
      progressDb.transaction(() => saveImportProgress(progressDb, jobId, s.progress, dbErrors))();
    } else {
      db.transaction(() => {
        write();
        saveImportProgress(db, jobId, s.progress, dbErrors);
      })();
    }
    s.errorsInDb += dbErrors.length;
    errors.append(rejectedNow);
    s.batch = [];
    s.rejected = [];
    hooks.onProgress?.({ ...s.progress, bytesTotal: source.bytesTotal });
  };

  const handleRecord = (cells: string[], parseError: string | undefined) => {
    const line = s.line;
    for (const cell of cells) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) s.line++;
    s.line++;
    if (cells.length === 1 && cells[0] === "" && !parseError) return void s.blankLines++;
    if (!s.reader) {
      if (o.hasHeader) return startReader(cells.map((c) => c.trim()));
      startReader(null);
    }
    s.progress.rowsRead++;
    const res = parseError ? { ok: false as const, issues: [{ column: null, reason: parseError }] } : s.reader!.read(cells);
    if (res.ok) s.batch.push({ line, row: res.row });
    else s.rejected.push({ line, issues: res.issues, cells });
  };

  let cancelled = false;
  let lastCommit = performance.now();
  const bulkTable: BulkTable | null = o.dryRun ? null : o.kind === "events" || o.kind === "transactions" ? "Event" : o.kind === "campaign-events" ? "CampaignEvent" : null;
  restoreIndexes(db);
  if (bulkTable && hasFewRows(db, bulkTable)) dropSecondaryIndexes(db, bulkTable);
  let latin1From: number | null = null;
  const stream = openTextStream(source, o.encoding, (n) => (s.progress.bytesRead = n), (at) => (latin1From = at));
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (e?: unknown) => {
        if (settled) return;
        settled = true;
        if (e) reject(e);
        else resolve();
      };
      stream.on("error", settle);
      Papa.parse<string[]>(stream as unknown as File, {
        delimiter: o.delimiter,
        skipEmptyLines: false,
        chunk(results, parser) {
          try {
            const bad = new Map(results.errors.map((e) => [e.row, `${e.message} (the row's quotes do not pair up)`]));
            const rows = results.data;
            for (let i = 0; i < rows.length && !cancelled; i++) {
              handleRecord(rows[i]!, bad.get(i));
              const full = s.batch.length + s.rejected.length >= BATCH_ROWS;
              if (!full && (i < rows.length - 1 || performance.now() - lastCommit < COMMIT_EVERY_MS)) continue;
              commit();
              lastCommit = performance.now();
              cancelled = isCancelRequested(progressDb, jobId);
            }
            if (cancelled) {
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
    if (!s.reader && !cancelled) throw new Error("The file has no rows.");
    if (!cancelled) commit();
  } finally {
    stream.destroy();
    errors.close();
    if (bulkTable) restoreIndexes(db);
  }
  const status = cancelled ? "cancelled" : "completed";
  const p = s.progress;
  const message = cancelled
    ? `Cancelled after ${p.rowsRead.toLocaleString("en-GB")} rows; the rows written before cancelling are kept. Import the same file again to finish it.`
    : p.rejected > 0
      ? `${p.rejected.toLocaleString("en-GB")} rows were refused; download them with their reasons, fix them and import that file.`
      : null;
  finishImport(progressDb, jobId, status, message);
  return { status, progress: p, blankLines: s.blankLines, errorsFile: errors.written > 0 ? errors.filePath : null };
}
