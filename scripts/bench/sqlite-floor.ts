// The floor: the sqlite3 shell's own CSV `.import` into a bare table with the file's columns, no checks,
// no indexes, no ids. Nothing written through SQLite on this machine gets faster than this.
import { execFileSync } from "node:child_process";
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { type Measured, removeDatabase, runMeasured } from "./measure";

export async function gunzipTo(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
}

function headerOf(csvFile: string): string[] {
  const fd = openSync(csvFile, "r");
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString("utf8", 0, n).split("\n")[0]!.replace(/\r$/, "").split(",");
  } finally {
    closeSync(fd);
  }
}

export interface FloorRun extends Measured {
  rows: number;
}

/** One timed `.import` into a fresh database; the row count is checked afterwards, outside the timing. */
export async function importWithSqlite3(csvFile: string, dbFile: string): Promise<FloorRun> {
  removeDatabase(dbFile);
  const columns = headerOf(csvFile).map((c) => `"${c.replaceAll('"', '""')}" TEXT`);
  const m = await runMeasured("sqlite3", [dbFile, `CREATE TABLE t(${columns.join(", ")});`, `.import --csv --skip 1 "${csvFile}" t`]);
  if (m.code !== 0) throw new Error(`sqlite3 .import exited ${m.code}: ${m.stderr.trim().slice(0, 500)}`);
  const rows = Number(execFileSync("sqlite3", [dbFile, "SELECT count(*) FROM t;"], { encoding: "utf8" }).trim());
  removeDatabase(dbFile);
  return { ...m, rows };
}
