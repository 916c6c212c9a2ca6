// One open transaction at a time: rows of each parsed chunk are written into it at once (so they die young
// and the heap stays small), and every BATCH_ROWS rows it commits together with the job's running totals,
// so the counts a job shows are exactly what the database holds. A dry run rolls each chunk back as soon
// as it is written, so its counts are exact (the writers remember what earlier chunks would have written)
// and nothing changes.
import type Database from "better-sqlite3";
import { type ImportProgress, type RowErrorInput, saveImportProgress } from "../../db/import-progress";
import type { ImportedRow, ImportWriter } from "../../db/import-writers";
import { describeIssues, type RejectedRow, type RejectedRowsFile } from "./rejected-rows";

/** Row errors kept in the database for the page; the file holds all of them. */
const ERRORS_IN_DB = 1_000;

export class BatchTransaction {
  readonly progress: ImportProgress = { bytesRead: 0, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, summary: {} };
  /** Rows written or refused since the last commit. */
  pending = 0;
  private open = false;
  private rejected: RejectedRow[] = [];
  private errorsInDb = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly progressDb: Database.Database,
    private readonly jobId: number,
    private readonly bytesTotal: number,
    private readonly dryRun: boolean,
    private readonly writer: ImportWriter,
    private readonly errorsFile: RejectedRowsFile,
    private readonly delimiter: string,
  ) {}

  write(rows: readonly ImportedRow[]): void {
    if (rows.length === 0) return;
    this.begin();
    const c = this.writer.write(this.db, rows);
    // A dry run gives its write lock back at once: held across the event loop's turns, it would stall
    // any other write in this process (a cancel, a new job) until SQLite's busy timeout.
    if (this.dryRun) this.rollback();
    this.progress.rowsRead += rows.length;
    this.progress.inserted += c.inserted;
    this.progress.updated += c.updated;
    this.progress.unchanged += c.unchanged;
    this.pending += rows.length;
  }

  reject(row: RejectedRow): void {
    this.rejected.push(row);
    this.progress.rowsRead++;
    this.progress.rejected++;
    this.pending++;
  }

  commit(extraSummary: Record<string, number>): void {
    this.progress.summary = { ...this.writer.summary(), ...extraSummary };
    const room = Math.max(0, ERRORS_IN_DB - this.errorsInDb);
    const errors: RowErrorInput[] = this.rejected.slice(0, room).map((r) => ({ line: r.line, ...describeIssues(r.issues), raw: r.cells.join(this.delimiter) }));
    if (this.dryRun) {
      this.progressDb.transaction(() => saveImportProgress(this.progressDb, this.jobId, { ...this.progress, bytesTotal: this.bytesTotal }, errors))();
    } else {
      this.begin();
      saveImportProgress(this.db, this.jobId, { ...this.progress, bytesTotal: this.bytesTotal }, errors);
      this.db.exec("COMMIT");
      this.open = false;
    }
    this.errorsInDb += errors.length;
    // Written after the commit, so the file never lists rows of a batch the database did not keep.
    this.errorsFile.append(this.rejected);
    this.rejected = [];
    this.pending = 0;
  }

  /** After a failure: drop the uncommitted batch; what was committed stays. */
  abort(): void {
    this.rollback();
  }

  private rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec("ROLLBACK");
    this.open = false;
  }

  // IMMEDIATE takes the write lock up front, so another process's import makes this one wait (busy
  // timeout) instead of failing at its first write after reading.
  private begin(): void {
    if (this.open) return;
    this.db.exec("BEGIN IMMEDIATE");
    this.open = true;
  }
}
