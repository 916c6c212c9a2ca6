// A folder for a test's files inside the test file's own data folder (vitest.setup.ts), so whatever a test
// writes, and whatever the app writes beside it, is removed with that folder when the file's tests end.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function testFolder(prefix: string): string {
  return mkdtempSync(path.join(process.env.MARKETLENS_DATA_DIR ?? tmpdir(), `${prefix}-`));
}
