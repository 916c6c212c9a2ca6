// The rejected rows of an import as a CSV download: line, column, reason, then the row as it was.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { UserError } from "@/lib/errors";
import { API } from "@/lib/http/api-catalogue";
import { attachment } from "@/lib/http/download";
import { parseId, route } from "@/lib/http/route";
import { rejectedRowsFile } from "@/lib/services/import/imports";

export const GET = route<{ id: string }>("rejected rows download", API.rejectedRows.access, async (_request, params) => {
  const file = await rejectedRowsFile(parseId(params.id, "import"));
  // A file removed since (uploads and their rejects are cleaned up) is as absent as one never written.
  const size = file ? await stat(file.path).then((s) => s.size).catch(() => null) : null;
  if (!file || size === null) throw new UserError("This import has no rejected rows to download.", "not_found");
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(file.downloadName),
      "Content-Length": String(size),
      "Cache-Control": "no-store",
    },
  });
});
