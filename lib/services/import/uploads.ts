// Uploaded files wait in data/uploads until they are imported, so the page can analyse a file, let the person
// fix the mapping and dry-run it, then import it, all without sending it again.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir, env } from "../../env";
import { binaryReason } from "../../csv/detect";
import { ImportInputError } from "./analyse";
import { SAMPLE_BYTES } from "./source";

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const KEEP_UPLOADS_MS = 24 * 3600_000;

export function uploadsDir(): string {
  return path.join(dataDir(), "uploads");
}

/** The stored path of an upload id; ids are UUIDs we made, anything else is refused (no path tricks). */
export function uploadPath(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new ImportInputError("Unknown upload; upload the file again.");
  return path.join(uploadsDir(), uploadId);
}

export function maxUploadBytes(): number {
  return env.MARKETLENS_MAX_UPLOAD_MB * 1024 * 1024;
}

async function removeOldUploads(): Promise<void> {
  const dir = uploadsDir();
  const now = Date.now();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > KEEP_UPLOADS_MS) await rm(file, { force: true });
  }
}

export interface UploadMeta {
  uploadId: string;
  fileName: string;
  bytes: number;
}

/** A file name as people gave it, safe to show and store: no folders, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "upload.csv";
}

export async function readUploadMeta(uploadId: string): Promise<UploadMeta> {
  const text = await readFile(`${uploadPath(uploadId)}.json`, "utf8").catch(() => null);
  if (!text) throw new ImportInputError("This upload is gone (uploads are kept for a day); upload the file again.");
  return JSON.parse(text) as UploadMeta;
}

/** Streams a request body to disk, refusing it once it passes the size limit; returns the new upload. */
export async function saveUpload(body: ReadableStream<Uint8Array> | Readable, declaredBytes: number | null, fileName: string): Promise<UploadMeta> {
  const limit = maxUploadBytes();
  const tooBig = () => new ImportInputError(`The file is larger than the ${env.MARKETLENS_MAX_UPLOAD_MB} MB upload limit; import it with the CLI (npm run -s cli -- import …) or raise MARKETLENS_MAX_UPLOAD_MB.`);
  if (declaredBytes !== null && declaredBytes > limit) throw tooBig();
  await mkdir(uploadsDir(), { recursive: true });
  await removeOldUploads();
  const uploadId = randomUUID();
  const file = uploadPath(uploadId);
  let bytes = 0;
  let head: Buffer | null = Buffer.alloc(0);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(tooBig());
      // A picture or a spreadsheet is refused as soon as its first bytes arrive, not after the whole upload.
      if (head) {
        head = Buffer.concat([head, chunk]);
        const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
        const reason = head.length >= 512 || isGzip ? (isGzip ? null : binaryReason(head.subarray(0, SAMPLE_BYTES))) : null;
        if (reason) return done(new ImportInputError(reason));
        if (head.length >= 512 || isGzip) head = null;
      }
      done(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  try {
    await pipeline(source, counter, createWriteStream(file));
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  if (bytes === 0) {
    await rm(file, { force: true });
    throw new ImportInputError("The file is empty.");
  }
  const meta: UploadMeta = { uploadId, fileName: cleanFileName(fileName), bytes };
  await writeFile(`${file}.json`, JSON.stringify(meta));
  return meta;
}

export async function removeUpload(filePath: string): Promise<void> {
  if (path.dirname(filePath) !== uploadsDir()) return;
  await rm(filePath, { force: true });
  await rm(`${filePath}.json`, { force: true });
}
