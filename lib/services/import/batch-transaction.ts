// One open transaction at a time: rows of each parsed chunk are written into it at once (so they die young
// and the heap stays small), and every BATCH_ROWS rows it commits together with the job's running totals,
// so the counts a job shows are exactly what the database holds. A dry run changes nothing: on SQLite it
// rolls each chunk back as soon as it is written (the writers remember what earlier chunks would have
// written, so its counts are exact); on PostgreSQL it keeps one transaction open to the end and rolls that
// back, its progress going through another connection.
import type { DirectDb, DirectSession } from "../../db/direct";
import { configuredProvider } from "../../env";
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
    private readonly db: DirectSession,
    private readonly progressDb: DirectDb,
    private readonly jobId: number,
    private readonly bytesTotal: number,
    private readonly dryRun: boolean,
    private readonly writer: ImportWriter,
    private readonly errorsFile: RejectedRowsFile,
    private readonly delimiter: string,
  ) {}

  async write(rows: readonly ImportedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.begin();
    const c = await this.writer.write(this.db, rows);
    // A dry run on SQLite gives its write lock back at once: held across the event loop's turns, it would
    // stall any other write in this process (a cancel, a new job) until SQLite's busy timeout.
    if (this.dryRun && configuredProvider() === "sqlite") await this.rollback();
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

  async commit(extraSummary: Record<string, number>): Promise<void> {
    this.progress.summary = { ...this.writer.summary(), ...extraSummary };
    const room = Math.max(0, ERRORS_IN_DB - this.errorsInDb);
    const errors: RowErrorInput[] = this.rejected.slice(0, room).map((r) => ({ line: r.line, ...describeIssues(r.issues), raw: r.cells.join(this.delimiter) }));
    if (this.dryRun) {
      await this.progressDb.transaction((tx) => saveImportProgress(tx, this.jobId, { ...this.progress, bytesTotal: this.bytesTotal }, errors));
    } else {
      await this.begin();
      await saveImportProgress(this.db, this.jobId, { ...this.progress, bytesTotal: this.bytesTotal }, errors);
      await this.db.commit();
      this.open = false;
    }
    this.errorsInDb += errors.length;
    // Written after the commit, so the file never lists rows of a batch the database did not keep.
    this.errorsFile.append(this.rejected);
    this.rejected = [];
    this.pending = 0;
  }

  /** After a failure, and at the end of a dry run: drop the uncommitted batch; what was committed stays. */
  async abort(): Promise<void> {
    await this.rollback();
  }

  private async rollback(): Promise<void> {
    if (this.open && this.db.inTransaction) await this.db.rollback();
    this.open = false;
  }

  /** Opens the batch's transaction if it is not open (writes do; schema changes that belong to the batch call it first). */
  async begin(): Promise<void> {
    if (this.open) return;
    await this.db.begin();
    this.open = true;
  }
}
