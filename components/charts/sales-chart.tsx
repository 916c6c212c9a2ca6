"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { createFormatters } from "@/lib/format";
import type { Grain, SalesPoint } from "@/lib/analytics/sales-series";

interface Props {
  points: SalesPoint[];
  grain: Grain;
  locale: string;
  currency: string;
}

const GRAIN_WORD: Record<Grain, string> = { day: "Day", week: "Week starting", month: "Month" };

/** Revenue (bars, left axis) and orders (line, right axis) per period. */
export function SalesChart({ points, grain, locale, currency }: Props) {
  const f = createFormatters(locale, currency);
  const tick = (p: string) =>
    grain === "month"
      ? new Intl.DateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(`${p}T00:00:00Z`))
      : new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${p}T00:00:00Z`));
  return (
    <figure data-testid="sales-chart" aria-label={`Revenue and orders per ${grain}`}>
      <div className="h-80 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="period" tickFormatter={tick} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
            <YAxis
              yAxisId="revenue"
              tickFormatter={(v: number) => f.moneyCompact(v)}
              tick={{ fontSize: 12, fill: "#475569" }}
              width={72}
              label={{ value: `Revenue (${currency})`, angle: -90, position: "insideLeft", offset: 0, style: { fontSize: 12, fill: "#475569", textAnchor: "middle" } }}
            />
            <YAxis
              yAxisId="orders"
              orientation="right"
              tickFormatter={(v: number) => f.compact(v)}
              tick={{ fontSize: 12, fill: "#475569" }}
              width={56}
              label={{ value: "Orders", angle: 90, position: "insideRight", offset: 0, style: { fontSize: 12, fill: "#475569", textAnchor: "middle" } }}
            />
            <Tooltip
              labelFormatter={(p) => `${GRAIN_WORD[grain]} ${f.day(String(p))}`}
              formatter={(value, name) => (name === "Revenue" ? f.money(Number(value)) : f.integer(Number(value)))}
            />
            <Legend />
            <Bar yAxisId="revenue" dataKey="revenue" name="Revenue" fill="#6366f1" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            <Line yAxisId="orders" dataKey="orders" name="Orders" stroke="#f59e0b" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        Revenue is the sum of purchase events; orders are distinct order ids. Days are UTC{grain === "week" ? "; weeks start on Monday" : ""}.
      </figcaption>
    </figure>
  );
}
