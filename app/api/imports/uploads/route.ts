// POST the raw file as the body (?name=<file name>): streamed to disk, so size is bounded by
// MARKETLENS_MAX_UPLOAD_MB and not by memory, then analysed for the import page.
import { UserError } from "@/lib/errors";
import { API } from "@/lib/http/api-catalogue";
import { errorResponse, route } from "@/lib/http/route";
import { analyseFile, ImportInputError } from "@/lib/services/import/analyse";
import { maxUploadBytes, removeUpload, saveUpload, uploadPath } from "@/lib/services/import/uploads";

function declaredLength(request: Request): number | null {
  const n = Number(request.headers.get("content-length"));
  return Number.isFinite(n) && n > 0 ? n : null;
}

// A file the import cannot take is answered 400 (413 past the size limit) rather than the 422 of other
// refusals: the statuses upload clients, proxies and the browser journeys already know for a bad body.
const BAD_FILE = 400;

export const POST = route("upload", API.upload.access, async (request) => {
  const name = new URL(request.url).searchParams.get("name") ?? "upload.csv";
  const declared = declaredLength(request);
  if (!request.body || declared === 0) return errorResponse(new UserError("The file is empty."), "upload", BAD_FILE);
  let received = 0;
  // Counted here too, so a body that passes the limit part-way is told apart from other refusals.
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  let upload;
  try {
    upload = await saveUpload(counted, declared, name);
  } catch (e) {
    if (!(e instanceof ImportInputError)) throw e;
    return errorResponse(e, "upload", Math.max(declared ?? 0, received) > maxUploadBytes() ? 413 : BAD_FILE);
  }
  try {
    const analysis = await analyseFile(uploadPath(upload.uploadId));
    return Response.json({ upload, analysis }, { status: 201 });
  } catch (e) {
    // A file we cannot read is of no further use: do not keep it for a day.
    await removeUpload(uploadPath(upload.uploadId));
    if (!(e instanceof ImportInputError)) throw e;
    return errorResponse(e, "analyse upload", BAD_FILE);
  }
});
