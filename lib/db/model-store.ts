// Trained models' bytes (ModelPart): written by the job that fits them, one model at a time, and read by
// name when serving first needs one. Parts of at most PART_BYTES keep every value far below SQLite's 1 GB
// blob limit and bound what a PostgreSQL row carries in one message, however large the shop grows.
import { directDb } from "./direct";

export const PART_BYTES = 16 * 1024 * 1024;

/** `chunks` cut and joined into parts of PART_BYTES (the last shorter), each a fresh buffer. */
function* partsOf(chunks: readonly Uint8Array[], total: number): Generator<Uint8Array> {
  let part = Buffer.allocUnsafe(Math.min(PART_BYTES, total));
  let filled = 0;
  let left = total;
  for (const chunk of chunks) {
    let at = 0;
    while (at < chunk.byteLength) {
      const n = Math.min(chunk.byteLength - at, part.byteLength - filled);
      part.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === part.byteLength) {
        yield part;
        left -= filled;
        if (left === 0) return;
        part = Buffer.allocUnsafe(Math.min(PART_BYTES, left));
        filled = 0;
      }
    }
  }
}

/** Stores (or replaces) job `jobId`'s model `name`; returns its size in bytes. */
export async function writeModel(jobId: number, name: string, chunks: readonly Uint8Array[]): Promise<number> {
  const total = chunks.reduce((a, c) => a + c.byteLength, 0);
  await directDb().transaction(async (tx) => {
    await tx.run(`DELETE FROM "ModelPart" WHERE "jobId" = ? AND "name" = ?`, [jobId, name]);
    let i = 0;
    for (const bytes of partsOf(chunks, total)) await tx.run(`INSERT INTO "ModelPart" ("jobId", "name", "part", "bytes") VALUES (?, ?, ?, ?)`, [jobId, name, i++, bytes]);
  });
  return total;
}

/** Job `jobId`'s model `name` as one buffer, or null when it has none of that name. */
export async function readModel(jobId: number, name: string): Promise<Uint8Array | null> {
  const parts = (await directDb().rows<[Uint8Array]>(`SELECT "bytes" FROM "ModelPart" WHERE "jobId" = ? AND "name" = ? ORDER BY "part"`, [jobId, name])).map((r) => r[0]);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** The models job `jobId` stored, with their sizes. */
export async function listModels(jobId: number): Promise<{ name: string; bytes: number }[]> {
  const rows = await directDb().rows<[string, number | bigint]>(`SELECT "name", sum(length("bytes")) FROM "ModelPart" WHERE "jobId" = ? GROUP BY "name" ORDER BY "name"`, [jobId]);
  return rows.map(([name, bytes]) => ({ name, bytes: Number(bytes) }));
}

/** Drops the models of job `jobId` (a run that failed, or was cancelled, after storing some). */
export async function deleteModels(jobId: number): Promise<void> {
  await directDb().run(`DELETE FROM "ModelPart" WHERE "jobId" = ?`, [jobId]);
}

/** Drops the models of every job of `kind` but those in `keep`; returns how many parts went. */
export async function pruneModels(kind: string, keep: readonly number[]): Promise<number> {
  const ids = keep.length ? keep : [-1];
  return directDb().run(`DELETE FROM "ModelPart" WHERE "jobId" IN (SELECT "id" FROM "Job" WHERE "kind" = ?) AND "jobId" NOT IN (${ids.map(() => "?").join(",")})`, [kind, ...ids]);
}
