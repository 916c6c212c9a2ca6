"use client";

import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CampaignPoint } from "@/lib/analytics/campaign-series";
import type { Grain } from "@/lib/analytics/sales-series";
import { createFormatters } from "@/lib/format";

interface Props {
  points: CampaignPoint[];
  grain: Grain;
  locale: string;
  currency: string;
}

const GRAIN_WORD: Record<Grain, string> = { day: "Day", week: "Week starting", month: "Month" };

function useTick(locale: string, grain: Grain) {
  return (p: string) =>
    new Intl.DateTimeFormat(locale, grain === "month" ? { month: "short", year: "2-digit", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${p}T00:00:00Z`));
}

const axis = { fontSize: 12, fill: "#475569" };

/** Impressions (bars) and clicks and conversions (lines) per period; CTR with its 95% band; cost and revenue. */
export function CampaignSeriesChart({ points, grain, locale, currency }: Props) {
  const f = createFormatters(locale, currency);
  const tick = useTick(locale, grain);
  const label = (p: unknown) => `${GRAIN_WORD[grain]} ${f.day(String(p))}`;
  const band = points.map((p) => ({ ...p, band: p.ctrLow !== null && p.ctrHigh !== null ? [p.ctrLow, p.ctrHigh] : null }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure data-testid="campaign-volume-chart" aria-label={`Impressions, clicks and conversions per ${grain}`} className="lg:col-span-2">
        <div className="h-72 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="period" tickFormatter={tick} tick={axis} minTickGap={24} />
              <YAxis yAxisId="imp" tickFormatter={(v: number) => f.compact(v)} tick={axis} width={56} />
              <YAxis yAxisId="clk" orientation="right" tickFormatter={(v: number) => f.compact(v)} tick={axis} width={48} />
              <Tooltip labelFormatter={label} formatter={(v) => f.integer(Number(v))} />
              <Legend />
              <Bar yAxisId="imp" dataKey="impressions" name="Impressions" fill="#c7d2fe" isAnimationActive={false} />
              <Line yAxisId="clk" dataKey="clicks" name="Clicks" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line yAxisId="clk" dataKey="conversions" name="Conversions" stroke="#f59e0b" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="mt-1 text-xs text-slate-500">Impressions on the left axis; clicks and conversions on the right. Days are UTC{grain === "week" ? "; weeks start on Monday" : ""}.</figcaption>
      </figure>
      <figure data-testid="campaign-ctr-chart" aria-label={`CTR per ${grain} with its 95% interval`}>
        <div className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={band} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="period" tickFormatter={tick} tick={axis} minTickGap={24} />
              <YAxis tickFormatter={(v: number) => f.percent(v, 1)} tick={axis} width={56} />
              <Tooltip
                labelFormatter={label}
                formatter={(v) => (Array.isArray(v) ? `${f.percent(Number(v[0]), 2)} – ${f.percent(Number(v[1]), 2)}` : v === null || v === undefined ? "no impressions" : f.percent(Number(v), 2)) as string}
              />
              <Area dataKey="band" name="95% interval" stroke="none" fill="#a5b4fc" fillOpacity={0.45} isAnimationActive={false} connectNulls={false} />
              <Line dataKey="ctr" name="CTR" stroke="#4338ca" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="mt-1 text-xs text-slate-500">The band is the Wilson 95% interval: wide where a period had few impressions. Gaps are periods without impressions.</figcaption>
      </figure>
      <figure data-testid="campaign-money-chart" aria-label={`Cost and revenue per ${grain}`}>
        <div className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="period" tickFormatter={tick} tick={axis} minTickGap={24} />
              <YAxis tickFormatter={(v: number) => f.moneyCompact(v)} tick={axis} width={64} />
              <Tooltip labelFormatter={label} formatter={(v) => f.money(Number(v))} />
              <Legend />
              <Bar dataKey="cost" name="Cost" fill="#fca5a5" isAnimationActive={false} />
              <Bar dataKey="revenue" name="Revenue" fill="#86efac" isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="mt-1 text-xs text-slate-500">Revenue here is what the campaign reported with its conversions; the attribution page credits shop orders instead.</figcaption>
      </figure>
    </div>
  );
}
