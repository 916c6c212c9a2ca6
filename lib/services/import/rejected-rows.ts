// The downloadable file of refused rows: the line number, the column and the reason, then the row as it was,
// so a person can fix the rows in a spreadsheet and import them again. Written synchronously in small
// appends after each batch commits, so memory stays flat even when every row of a large file is refused.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { toCsvLine } from "../../csv/csv-export";
import type { RowIssue } from "../../csv/row-schema";

export interface RejectedRow {
  line: number;
  issues: RowIssue[];
  cells: readonly string[];
}

export function describeIssues(issues: readonly RowIssue[]): { column: string | null; reason: string } {
  const columns = [...new Set(issues.flatMap((i) => (i.column ? [i.column] : [])))];
  const reason = issues.map((i) => (i.column && issues.length > 1 ? `${i.column}: ${i.reason}` : i.reason)).join("; ");
  return { column: columns.length ? columns.join(", ") : null, reason };
}

export class RejectedRowsFile {
  private fd: number | null = null;
  written = 0;

  /** `delimiter` is the imported file's, so its decimal commas read back the same way once fixed. */
  constructor(
    readonly filePath: string,
    private readonly columns: () => readonly string[],
    private readonly delimiter = ",",
  ) {}

  append(rows: readonly RejectedRow[]): void {
    if (rows.length === 0) return;
    if (this.fd === null) {
      mkdirSync(path.dirname(this.filePath), { recursive: true });
      this.fd = openSync(this.filePath, "w");
      writeSync(this.fd, toCsvLine(["line", "column", "reason", ...this.columns()], this.delimiter) + "\n");
    }
    const text = rows.map((r) => {
      const { column, reason } = describeIssues(r.issues);
      return toCsvLine([r.line, column, reason, ...r.cells], this.delimiter) + "\n";
    });
    writeSync(this.fd, text.join(""));
    this.written += rows.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
