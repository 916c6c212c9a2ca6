// The reading half of an import: the file's bytes decoded, parsed by Papaparse and checked row by row
// (prepare-rows.ts), handed over in order as prepared chunks. It runs in a worker thread when one can be
// started (the CLI, the job runner's children), so reading and checking the next rows overlaps with writing
// the last ones on the other core; in the thread itself otherwise (tests, a server that runs jobs inline).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Papa from "papaparse";
import type { ImportOptions } from "../../csv/import-options";
import { env } from "../../env";
import { UserError } from "../../errors";
import { ImportInputError } from "./analyse";
import { decodeChunk, type EncodedChunk } from "./chunk-transfer";
import { type PreparedChunk, RowPreparer } from "./prepare-rows";
import { openTextStream, type SourceInfo } from "./source";

/** The longest stretch of text one record may take (an absurd field or an unclosed quote beyond it). */
export const MAX_RECORD_CHARS = 32_000_000;
/** Chunks the reading thread may run ahead of the writer: bounds the memory rows wait in. */
export const CHUNKS_AHEAD = 3;
const YOUNG_GENERATION_MB = 48;

export interface ReadRequest {
  source: Pick<SourceInfo, "path" | "isGzip">;
  options: ImportOptions;
  /** Rows the dedupe table is sized for (0: its small default). */
  expectedRows: number;
}

export interface ReadProgress {
  onBytes(bytesRead: number): void;
  onLatin1(fromByte: number): void;
}

/** Hands each prepared chunk to `onChunk`, waiting for it; stops early when it resolves true. */
export type ChunkHandler = (chunk: PreparedChunk) => Promise<boolean>;

export interface ReadOutcome {
  /** False when the file held no row at all (not even a header). */
  started: boolean;
}

/** Reads the whole file in a worker thread when one can be started, else in this thread. */
export function readPrepared(req: ReadRequest, progress: ReadProgress, onChunk: ChunkHandler): Promise<ReadOutcome> {
  const entry = workerEntry();
  return entry ? readInWorker(entry, req, progress, onChunk) : readHere(req, progress, onChunk);
}

/** How to start the reading thread: its own script beside this module (the compiled CLI's .mjs), or under tsx. */
function workerEntry(): { file: string; typescript: boolean } | null {
  if (env.MARKETLENS_IMPORT_THREAD === "0") return null;
  const here = fileURLToPath(import.meta.url);
  const typescript = here.endsWith(".ts");
  // TypeScript runs only where this process runs under tsx (`node --import tsx`: the job runner's children).
  if (typescript && !process.execArgv.some((a) => a.includes("tsx"))) return null;
  const file = path.join(path.dirname(here), typescript ? "prepare-worker.ts" : "prepare-worker.mjs");
  return existsSync(/*turbopackIgnore: true*/ file) ? { file, typescript } : null;
}

/** A worker on the compiled script, or one that registers tsx's loader first (a worker does not inherit it). */
function startWorker(entry: { file: string; typescript: boolean }, workerData: ReadRequest): Worker {
  // A young generation of 48 MB (the process's flag gives each thread 64 MB semi-spaces, three times that):
  // the thread's rows die young either way, and two threads at the process's size passed 600 MB on 5M rows.
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!entry.typescript) return new Worker(/*turbopackIgnore: true*/ entry.file, { workerData, resourceLimits });
  // Node 20 runs a worker's entry before any --import of its flags, so the thread registers tsx itself.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(path.join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const script = pathToFileURL(entry.file).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, { eval: true, workerData, resourceLimits });
}

/** The same work in the calling thread. */
export async function readHere(req: ReadRequest, progress: ReadProgress, onChunk: ChunkHandler): Promise<ReadOutcome> {
  const { source, options: o } = req;
  const preparer = new RowPreparer(o, req.expectedRows);
  // A quote that is never closed makes the rest of the file one field, which would grow until memory runs
  // out: a stretch of MAX_RECORD_CHARS without a complete record stops the import with the line it began on.
  let chars = 0;
  let charsAtLastRecord = 0;
  const onText = (n: number) => {
    chars += n;
    if (chars - charsAtLastRecord <= MAX_RECORD_CHARS) return;
    const mb = Math.round(MAX_RECORD_CHARS / 1_000_000);
    stream.destroy(new ImportInputError(`No complete row in ${mb} million characters from line ${preparer.nextLine.toLocaleString("en-GB")} on: a quote that is never closed, or a file that is not CSV.`));
  };
  const stream = openTextStream(source, o.encoding, (n) => progress.onBytes(n), (at) => progress.onLatin1(at), onText);
  try {
    await parseStream(stream, o.delimiter, async (records, errorsByRow) => {
      if (records.length > 0) charsAtLastRecord = chars;
      return onChunk(preparer.prepare(records, errorsByRow));
    });
  } finally {
    stream.destroy();
  }
  return { started: preparer.started };
}

/** What the reading thread posts. */
export type WorkerMessage =
  | { type: "chunk"; chunk: EncodedChunk; bytesRead: number; latin1From: number | null }
  | { type: "end"; started: boolean }
  | { type: "error"; error: { name: string; message: string; user: boolean; code?: string } };

function readInWorker(entry: { file: string; typescript: boolean }, req: ReadRequest, progress: ReadProgress, onChunk: ChunkHandler): Promise<ReadOutcome> {
  const worker = startWorker(entry, req);
  return new Promise<ReadOutcome>((resolve, reject) => {
    let settled = false;
    const settle = (e: unknown, outcome?: ReadOutcome) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (outcome) resolve(outcome);
      else reject(e);
    };
    // Chunks are handled one at a time, in order, each after the previous one's write.
    let queue = Promise.resolve();
    worker.on("message", (m: WorkerMessage) => {
      queue = queue.then(async () => {
        if (settled) return;
        if (m.type === "chunk") {
          if (m.latin1From !== null) progress.onLatin1(m.latin1From);
          progress.onBytes(m.bytesRead);
          if (await onChunk(decodeChunk(m.chunk))) settle(null, { started: true });
          else worker.postMessage("more");
        } else if (m.type === "end") settle(null, { started: m.started });
        else settle(rebuiltError(m.error));
      }).catch((e: unknown) => settle(e));
    });
    worker.on("error", (e) => settle(e));
    worker.on("exit", (code) => settle(new Error(`the import's reading thread stopped unexpectedly (exit code ${code})`)));
  });
}

/** The reading thread's error as the writer throws it: the same class, so the person sees the same message. */
function rebuiltError(e: { name: string; message: string; user: boolean; code?: string }): Error {
  if (e.name === "ImportInputError") return new ImportInputError(e.message);
  if (e.user) return new UserError(e.message, e.code as ConstructorParameters<typeof UserError>[1]);
  const out = new Error(e.message);
  out.name = e.name;
  return out;
}

/**
 * Feeds Papaparse's chunks of records to `onChunk` until the stream ends or onChunk resolves true (stop).
 * Parsing pauses while a chunk is written. Papaparse reports unbalanced quotes per record; they arrive as
 * that record's error.
 */
function parseStream(stream: Readable, delimiter: string, onChunk: (records: string[][], errorsByRow: Map<number, string>) => Promise<boolean>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (e?: unknown) => {
      if (settled) return;
      settled = true;
      if (e) reject(e);
      else resolve();
    };
    stream.on("error", settle);
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter,
      skipEmptyLines: false,
      chunk(results, parser) {
        // The file stream pauses too: Papaparse would otherwise queue all of it in memory meanwhile.
        parser.pause();
        stream.pause();
        const errorsByRow = new Map(results.errors.map((e) => [e.row ?? -1, `${e.message} (the row's quotes do not pair up)`]));
        onChunk(results.data, errorsByRow).then(
          (stop) => {
            if (!stop) {
              stream.resume();
              return parser.resume();
            }
            parser.abort();
            settle();
          },
          (e: unknown) => {
            // Settle first: abort() calls `complete` at once, which would otherwise report success.
            settle(e);
            parser.abort();
          },
        );
      },
      // After a pause, Papaparse calls `complete` only once resumed: after the last chunk's write.
      complete: () => settle(),
      error: (e: Error) => settle(e),
    });
  });
}
