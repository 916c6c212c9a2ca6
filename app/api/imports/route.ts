// POST /api/imports { uploadId, options }: starts importing a file uploaded to /api/imports/uploads, as the
// import page does; answers 202 with the job to follow at /api/jobs/{id}. Recorded in the audit log.
import { requestOrigin } from "@/lib/auth/auth";
import { recordAuditEvent } from "@/lib/db/audit";
import { UserError } from "@/lib/errors";
import { API } from "@/lib/http/api-catalogue";
import { errorResponse, route } from "@/lib/http/route";
import { startUploadImport } from "@/lib/services/import/imports";

export const POST = route("start import", API.startImport.access, async (request, _params, caller) => {
  const text = await request.text();
  let json: unknown = undefined;
  try {
    if (text) json = JSON.parse(text);
  } catch {
    return errorResponse(new UserError("The body must be JSON: { uploadId, options }."), "start import", 400);
  }
  const { uploadId, options } = API.startImport.body.schema.parse(json);
  const jobId = await startUploadImport(uploadId, options);
  await recordAuditEvent({ action: "startImport", outcome: "ok", actor: { id: caller.userId, label: caller.label }, target: `job ${jobId}`, detail: { kind: options.kind, dryRun: options.dryRun, via: caller.via }, ...requestOrigin(request) });
  return Response.json({ jobId, status: `/api/jobs/${jobId}` }, { status: 202 });
});
