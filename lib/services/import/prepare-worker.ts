// The reading thread of an import (read-prepared.ts starts it): reads, parses and checks the file and posts
// each prepared chunk to the writing thread, at most CHUNKS_AHEAD before the writer asks for more, so rows
// never pile up in memory. Stops when the writer goes (it terminates this thread).
import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../../errors";
import { encodeChunk } from "./chunk-transfer";
import { CHUNKS_AHEAD, readHere, type ReadRequest, type WorkerMessage } from "./read-prepared";

const port = parentPort!;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let credits = CHUNKS_AHEAD;
let waiting: (() => void) | null = null;
port.on("message", () => {
  credits++;
  waiting?.();
  waiting = null;
});

let bytesRead = 0;
let latin1From: number | null = null;
readHere(workerData as ReadRequest, { onBytes: (n) => (bytesRead = n), onLatin1: (at) => (latin1From = at) }, async (prepared) => {
  if (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
  credits--;
  const { chunk, transfer } = encodeChunk(prepared);
  post({ type: "chunk", chunk, bytesRead, latin1From }, transfer);
  return false;
}).then(
  ({ started }) => post({ type: "end", started }),
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    post({ type: "error", error: { name: err.name, message: err.message, user: err instanceof UserError, ...(err instanceof UserError ? { code: err.code } : {}) } });
  },
);
