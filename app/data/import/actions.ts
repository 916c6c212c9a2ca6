"use server";
// The import page's actions: re-read an upload with other settings, start an import (a job: cancelling
// and following it are the same for every job, app/jobs/actions.ts and /api/jobs/{id}). Uploads and
// downloads are route handlers under app/api/imports.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { ImportOptions } from "@/lib/csv/import-options";
import { analyseFile } from "@/lib/services/import/analyse";
import { startUploadImport } from "@/lib/services/import/imports";
import { StartImportRequest } from "@/lib/services/import/start-request";
import { readUploadMeta, uploadPath } from "@/lib/services/import/uploads";

// uploadPath() refuses anything but the ids we hand out.
const UploadId = z.string().max(64);

/** The stored file of an upload, or the "upload again" message when it has expired or been imported. */
async function uploadedFile(uploadId: string): Promise<string> {
  await readUploadMeta(uploadId);
  return uploadPath(uploadId);
}

const ReadSettings = ImportOptions.pick({ kind: true, delimiter: true, hasHeader: true, encoding: true, decimalComma: true, dateFormat: true });

export const analyseUploadAction = createAction({
  name: "analyseUpload",
  permission: "imports:write",
  // The mapping only when the person changed it: dates are then looked for in the columns they chose.
  input: z.object({ uploadId: UploadId, overrides: ReadSettings.partial().extend({ mapping: ImportOptions.shape.mapping.optional() }).default({}) }),
  run: async ({ uploadId, overrides }) => analyseFile(await uploadedFile(uploadId), overrides),
});

export const startImportAction = createAction({
  name: "startImport",
  permission: "imports:write",
  input: StartImportRequest,
  revalidate: ["/data/import"],
  audit: ({ options }, data: { jobId: number } | null) => ({ target: data ? `job ${data.jobId}` : null, detail: { kind: options.kind, dryRun: options.dryRun } }),
  // The service refuses a mapping that does not fit the file before any job exists.
  run: async ({ uploadId, options }) => {
    await uploadedFile(uploadId);
    return { jobId: await startUploadImport(uploadId, options) };
  },
});
