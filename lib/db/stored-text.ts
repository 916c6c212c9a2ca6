// Everything the database holds, as text someone with a copy of it would read: for tests that prove an
// address is encrypted, hashed or erased. SQLite: the file and its write-ahead log, byte for byte (free
// pages included, which secure_delete zeroes). PostgreSQL: every row of every table as text (the files of
// a server are not the app's to read; a dump is what leaves it).
import { existsSync, readFileSync } from "node:fs";
import { configuredProvider, sqliteFilePath } from "../env";
import { directDb } from "./direct";

export async function storedText(): Promise<string> {
  if (configuredProvider() === "sqlite") {
    const db = sqliteFilePath();
    return [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString("latin1")).join("\n");
  }
  const direct = directDb();
  const tables = await direct.rows<[string]>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
  const parts: string[] = [];
  for (const [t] of tables) for (const [row] of await direct.rows<[string]>(`SELECT CAST(t AS TEXT) FROM "${t.replace(/"/g, "")}" t`)) parts.push(row);
  return parts.join("\n");
}
