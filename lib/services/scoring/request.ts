// The queries of score and targeting requests, each checked once for the API and the pages alike.
import { z } from "zod";
import { SCORING_KINDS } from "../../ml/scoring/scorer";

const label = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(100, `${what}: at most 100 characters`).optional();

export const ScoreQuery = z.object({
  model: z
    .string()
    .optional()
    .refine((m) => m === undefined || (SCORING_KINDS as readonly string[]).includes(m), { message: `model must be one of ${SCORING_KINDS.join(", ")}` }),
  run: z.coerce.number().int("run must be a whole number").min(1, "run must be a job id").optional(),
  channel: label("channel"),
  adType: label("adType"),
  adPosition: label("adPosition"),
});
export type ScoreQuery = z.infer<typeof ScoreQuery>;

// A targeting request: the campaign set-up to score, how the audience is chosen and what it costs. The
// page, its CSV export and "save as segment" all rebuild the audience from it (targeting.ts).
const money = z.number().finite().min(0, "must be 0 or more");
export const TargetingRequest = z.object({
  run: z.number().int().min(1).optional(),
  model: z.enum(["logistic", "forest", "gbt"]).optional(),
  channel: z.string().max(100).optional(),
  adType: z.string().max(100).optional(),
  adPosition: z.string().max(100).optional(),
  by: z.enum(["size", "score", "budget"]).default("budget"),
  size: z.number().int().min(0).default(1000),
  threshold: z.number().min(0).max(1).default(0.05),
  budget: money.default(500),
  cost: z.enum(["cpm", "cpc"]).default("cpm"),
  price: money.default(5),
  targetRoi: z.number().gt(-1, "the target ROI must be above −100%").default(0.5),
});
export type TargetingRequest = z.infer<typeof TargetingRequest>;

// The same request as the targeting page's URL spells it (its form's names and units: the click-chance
// threshold and the target ROI in percent), read once here for the page and GET /api/targeting/export. A
// blank field means its default; the messages speak the URL's units, so "threshold=150" is not told "≤ 1".
const blank = (s: string) => s.trim() === "";
const urlText = (what: string) =>
  z
    .string()
    .max(100, "at most 100 characters")
    .transform((s) => (blank(s) ? undefined : s))
    .optional()
    .describe(what);

function urlNumber(what: string, isValid: (n: number) => boolean, message: string, unit = 1) {
  return z
    .string()
    .transform((s, ctx) => {
      if (blank(s)) return undefined;
      const n = Number(s);
      if (Number.isFinite(n) && isValid(n)) return n / unit;
      ctx.addIssue({ code: "custom", message: `${message}, not “${s.slice(0, 40)}”` });
      return z.NEVER;
    })
    .optional()
    .describe(what);
}

const urlChoice = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z
    .string()
    .transform((s, ctx) => {
      if (blank(s)) return undefined;
      if ((values as readonly string[]).includes(s)) return s as T[number];
      ctx.addIssue({ code: "custom", message: `must be one of ${values.join(", ")}` });
      return z.NEVER;
    })
    .optional()
    .describe(`${what}: ${values.join(", ")}`);

const TARGETING_URL_FIELDS = {
  model: urlChoice("The click model of the run (default: the run's best)", ["logistic", "forest", "gbt"]),
  channel: urlText("The campaign's channel to score for (default: as trained)"),
  adType: urlText("The ad type to score for"),
  adPosition: urlText("The ad position to score for"),
  by: urlChoice("How the audience is chosen (default budget)", ["budget", "size", "score"]),
  size: urlNumber("by=size: how many customers (default 1000)", (n) => Number.isInteger(n) && n >= 0, "must be a whole number of customers, 0 or more"),
  threshold: urlNumber("by=score: the lowest click chance taken, in percent (default 5)", (n) => n >= 0 && n <= 100, "must be a click chance in percent, from 0 to 100", 100),
  budget: urlNumber("by=budget: what may be spent (default 500)", (n) => n >= 0, "must be an amount, 0 or more"),
  cost: urlChoice("How the price is counted: per 1,000 impressions or per click (default cpm)", ["cpm", "cpc"]),
  price: urlNumber("The price per 1,000 impressions or per click (default 5)", (n) => n >= 0, "must be an amount, 0 or more"),
  targetRoi: urlNumber("The ROI bids must keep, in percent (default 50)", (n) => n > -100, "must be a return in percent, above −100", 100),
};

/** The query parameters the targeting page keeps in its URL. */
export const TARGETING_URL_KEYS = Object.keys(TARGETING_URL_FIELDS) as (keyof typeof TARGETING_URL_FIELDS)[];

/** The targeting page's URL query (one string per key) as a request. */
export const TargetingQuery = z.object(TARGETING_URL_FIELDS).pipe(TargetingRequest);

/** GET /api/targeting/export: the page's query, and emails=sha256 for the ad platforms' match key. */
export const TargetingExportQuery = z
  .object({
    ...TARGETING_URL_FIELDS,
    emails: urlChoice("SHA-256 of each trimmed, lower-cased address in place of the email and the name, for ad platforms (roles that may read personal data only)", ["sha256"]),
  })
  .pipe(TargetingRequest.extend({ emails: z.literal("sha256").optional() }));
