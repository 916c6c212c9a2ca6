// POST the raw file as the body (?name=<file name>): streamed to disk, so size is bounded by
// MARKETLENS_MAX_UPLOAD_MB and not by memory, then analysed for the import page.
import { toActionFailure } from "@/lib/action";
import { analyseFile, ImportInputError } from "@/lib/services/import/analyse";
import { maxUploadBytes, removeUpload, saveUpload, uploadPath } from "@/lib/services/import/uploads";

function declaredLength(request: Request): number | null {
  const n = Number(request.headers.get("content-length"));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export async function POST(request: Request) {
  const name = new URL(request.url).searchParams.get("name") ?? "upload.csv";
  const declared = declaredLength(request);
  if (!request.body || declared === 0) return Response.json({ error: "The file is empty." }, { status: 400 });
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
    const tooBig = Math.max(declared ?? 0, received) > maxUploadBytes();
    if (e instanceof ImportInputError) return Response.json({ error: e.message }, { status: tooBig ? 413 : 400 });
    return Response.json({ error: toActionFailure(e, "upload").message }, { status: 500 });
  }
  try {
    const analysis = await analyseFile(uploadPath(upload.uploadId));
    return Response.json({ upload, analysis }, { status: 201 });
  } catch (e) {
    // A file we cannot read is of no further use: do not keep it for a day.
    await removeUpload(uploadPath(upload.uploadId));
    if (e instanceof ImportInputError) return Response.json({ error: e.message }, { status: 400 });
    return Response.json({ error: toActionFailure(e, "analyse upload").message }, { status: 500 });
  }
}
