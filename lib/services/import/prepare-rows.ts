// The first stage of an import, free of the database: turns Papaparse's records into checked rows (with
// their line numbers, and for events their dedupe keys and stored times) and refused rows with reasons.
// It runs in the importing thread or, for big CLI imports, in a worker thread beside the writes.
import { OccurrenceCounter, RowKeyer } from "../../csv/dedupe";
import { ATTRIBUTE_PREFIX, checkMapping, columnNames } from "../../csv/header-match";
import type { ImportOptions } from "../../csv/import-options";
import { createRowReader, type RowReader } from "../../csv/row-schema";
import { storedDateMs } from "../../db/stored-date";
import type { ImportedRow } from "../../db/import-writers";
import type { RejectedRow } from "./rejected-rows";

export interface PreparedChunk {
  rows: ImportedRow[];
  rejected: RejectedRow[];
  /** Totals so far, for the job's progress. */
  rowsRead: number;
  blankLines: number;
  columns: string[] | null;
}

const KEYED = new Set(["events", "transactions", "campaign-events"]);

export class RowPreparer {
  private reader: RowReader | null = null;
  private line = 1;
  private rowsRead = 0;
  private blankLines = 0;
  private readonly keyer: RowKeyer | null;

  constructor(
    private readonly o: ImportOptions,
    expectedRows: number,
  ) {
    this.keyer = KEYED.has(o.kind) ? new RowKeyer(o.kind as "events", new OccurrenceCounter(expectedRows)) : null;
  }

  get started(): boolean {
    return this.reader !== null;
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  prepare(records: readonly string[][], errorsByRow: ReadonlyMap<number, string>): PreparedChunk {
    const rows: ImportedRow[] = [];
    const rejected: RejectedRow[] = [];
    for (let i = 0; i < records.length; i++) {
      const cells = records[i]!;
      const line = this.line;
      for (const cell of cells) for (let at = cell.indexOf("\n"); at >= 0; at = cell.indexOf("\n", at + 1)) this.line++;
      this.line++;
      const parseError = errorsByRow.get(i);
      if (cells.length === 1 && cells[0] === "" && !parseError) {
        this.blankLines++;
        continue;
      }
      if (!this.reader) {
        this.reader = this.startReader(this.o.hasHeader ? cells.map((c) => c.trim()) : null);
        if (this.o.hasHeader) continue;
      }
      this.rowsRead++;
      const res = parseError ? { ok: false as const, issues: [{ column: null, reason: parseError }] } : this.reader.read(cells);
      if (!res.ok) rejected.push({ line, issues: res.issues, cells });
      else rows.push(this.keyer ? this.keyed(line, res.row) : { line, row: res.row });
    }
    return { rows, rejected, rowsRead: this.rowsRead, blankLines: this.blankLines, columns: this.reader ? [...this.reader.columns] : null };
  }

  private keyed(line: number, row: ImportedRow["row"]): ImportedRow {
    const ms = row.fields.occurredAt as number;
    const key = this.keyer!.key(row.fields, ms);
    return { line, row, key, at: storedDateMs(ms) };
  }

  private startReader(headers: readonly string[] | null): RowReader {
    const o = this.o;
    const names = columnNames(headers, o.mapping.length);
    const problems = headers && headers.length !== o.mapping.length ? [`The header has ${headers.length} columns but the mapping has ${o.mapping.length}.`] : checkMapping(o.kind, o.mapping, names);
    if (problems.length) throw new Error(problems.join(" "));
    return createRowReader(o.kind, o.mapping, headers, { decimalComma: o.decimalComma, dateFormat: o.dateFormat, eventType: o.eventType });
  }
}

/** Fields a mapping feeds, for the writers (entity kinds update only these). */
export function mappedFields(o: ImportOptions): string[] {
  return o.mapping.filter((t) => t && !t.startsWith(ATTRIBUTE_PREFIX));
}
