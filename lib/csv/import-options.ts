// The options of one import, checked the same way for the page and the CLI.
import { z } from "zod";
import { DATE_FORMATS, type DateFormat } from "./dates";
import { type Delimiter, DELIMITERS } from "./detect";
import { IMPORT_KINDS } from "./kinds";

export const ImportOptions = z.object({
  kind: z.enum(IMPORT_KINDS),
  delimiter: z.enum(DELIMITERS as unknown as [Delimiter, ...Delimiter[]]),
  hasHeader: z.boolean(),
  encoding: z.enum(["utf-8", "latin1"]),
  decimalComma: z.boolean(),
  dateFormat: z.enum(DATE_FORMATS.map((d) => d.id) as [DateFormat, ...DateFormat[]]),
  /** One target per column: a field name, "attr:<name>" or "" (ignored). */
  mapping: z.array(z.string().max(120)).min(1, "the file has no columns").max(500, "more than 500 columns"),
  eventType: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be lowercase letters, digits and _, like add_to_cart")
    .optional(),
  dryRun: z.boolean().default(false),
  /**
   * Store customers' email addresses only as a keyed hash (HMAC-SHA-256 under the installation's secret,
   * "hmac-sha256:<hex>"): the same address in another file gives the same value, so customers still match.
   */
  hashEmails: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof ImportOptions>;
