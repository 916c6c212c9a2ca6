// The rejected rows of an import as a CSV download: line, column, reason, then the row as it was.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { rejectedRowsFile } from "@/lib/services/import/imports";
import { attachment } from "../../../download";
import { parseJobId } from "../../job-id";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseJobId((await params).id);
  const file = id === null ? null : await rejectedRowsFile(id);
  const size = file ? await stat(file.path).then((s) => s.size).catch(() => null) : null;
  if (!file || size === null) return Response.json({ error: "This import has no rejected rows to download." }, { status: 404 });
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(file.downloadName),
      "Content-Length": String(size),
      "Cache-Control": "no-store",
    },
  });
}
