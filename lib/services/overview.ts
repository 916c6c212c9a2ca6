import { autoGrain, GRAINS, rollUpSales, type Grain, type SalesPoint } from "../analytics/sales-series";
import { resolveRange, type ResolvedRange } from "../analytics/date-range";
import { getDailySales, getEventSpan, getOverviewKpis, totalSales, type DataSpan, type OverviewKpis } from "../db/overview";

export interface Overview {
  span: DataSpan;
  range: ResolvedRange;
  grain: Grain;
  kpis: OverviewKpis & ReturnType<typeof totalSales>;
  series: SalesPoint[];
}

export async function loadOverview(params: { range?: string; from?: string; to?: string; grain?: string }, now = new Date()): Promise<Overview> {
  const span = await getEventSpan();
  const range = resolveRange(params, span, now);
  const grain = GRAINS.includes(params.grain as Grain) ? (params.grain as Grain) : autoGrain(range.from, range.to);
  const [kpis, daily] = await Promise.all([getOverviewKpis(range), getDailySales(range)]);
  return { span, range, grain, kpis: { ...kpis, ...totalSales(daily) }, series: rollUpSales(daily, range.from, range.to, grain) };
}
