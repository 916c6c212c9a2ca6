// The settings both fairness reports (response scores, recommenders) share, and how their pages read them:
// text from the URL becomes numbers with a warning when it is not one, and settings the service refuses
// give way to the report at its defaults, with the refusal said in words.
import { z } from "zod";
import { UserError } from "../../errors";
import { capitalised } from "../../format";

export const DEFAULT_MIN_GROUP_SIZE = 30;

const MIN_GROUP = "the minimum group size must be a whole number from 1 to 1,000,000";
/** Groups smaller than this are listed but not compared. */
export const MinGroupSize = z.number({ error: MIN_GROUP }).int(MIN_GROUP).min(1, MIN_GROUP).max(1_000_000, MIN_GROUP).default(DEFAULT_MIN_GROUP_SIZE);

/**
 * A number typed into a report's settings. Blank text is "not given" and takes `fallback` silently;
 * text that is not a number takes it too, and says so in `warnings`.
 */
export function numberSetting(text: string, what: string, fallback: number, warnings: string[]): number {
  if (text.trim() === "") return fallback;
  const n = Number(text);
  if (Number.isFinite(n)) return n;
  warnings.push(`The ${what} “${text}” is not a number; using ${fallback}.`);
  return fallback;
}

export interface ReportOrRefusal<R> {
  readonly result: R | null;
  /** The refusal as a sentence for the page, or null when the report asked for was made. */
  readonly error: string | null;
}

/**
 * The report asked for; when its settings are refused (a UserError), the report at the defaults with the
 * refusal and `defaults` (what the default report is, in words); when that is refused too, no report.
 * Anything but a UserError is a bug and is thrown on.
 */
export async function reportOrDefault<R>(asked: () => Promise<R>, atDefaults: () => Promise<R>, defaults: string): Promise<ReportOrRefusal<R>> {
  try {
    return { result: await asked(), error: null };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    try {
      return { result: await atDefaults(), error: `${capitalised(e.message)}; showing the default report instead (${defaults}).` };
    } catch (again) {
      if (!(again instanceof UserError)) throw again;
      return { result: null, error: `${capitalised(again.message)}.` };
    }
  }
}
