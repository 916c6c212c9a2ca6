// The body that starts an import of an uploaded file, for the page's action and POST /api/imports alike.
import { z } from "zod";
import { ImportOptions } from "../../csv/import-options";

export const StartImportRequest = z.object({
  /** As POST /api/imports/uploads answered it (uploadPath() refuses anything else). */
  uploadId: z.string().max(64),
  /** The analysis's settings, with the mapping and any changes; `dryRun` to check without writing. */
  options: ImportOptions,
});
