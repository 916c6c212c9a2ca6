// The response model for campaigns that report daily aggregates only (lib/analytics/daily-response.ts),
// fitted on demand: a year of daily rows by device is a few thousand rows, fitted in milliseconds.
import { fitDailyResponseModel, type DailyResponseModel } from "../../analytics/daily-response";
import type { ResponseTarget } from "../../analytics/response-labels";
import { loadDailyReportRows } from "../../db/campaign-report";
import { userErrorFromMl } from "../../errors";

/** The model on every daily report row, or null when no campaign reports daily. */
export async function dailyResponseModel(target: ResponseTarget): Promise<(DailyResponseModel & { campaigns: string[]; days: number }) | null> {
  const rows = await loadDailyReportRows();
  if (rows.campaign.length === 0) return null;
  try {
    const model = fitDailyResponseModel(rows, target);
    return { ...model, campaigns: [...new Set(rows.campaign)], days: new Set(rows.date.map((d) => d.getTime())).size };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}
