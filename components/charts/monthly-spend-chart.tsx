"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { createFormatters } from "@/lib/format";

export interface MonthlySpend {
  /** First day of the month, YYYY-MM-DD. */
  period: string;
  revenue: number;
  orders: number;
}

/** One customer's spend per month (months without purchases as zero bars), orders in the tooltip. */
export function MonthlySpendChart({ points, locale, currency }: { points: readonly MonthlySpend[]; locale: string; currency: string }) {
  const f = createFormatters(locale, currency);
  const month = (p: string, style: "short" | "long") => new Intl.DateTimeFormat(locale, { month: style, year: style === "short" ? "2-digit" : "numeric", timeZone: "UTC" }).format(new Date(`${p}T00:00:00Z`));
  return (
    <figure data-testid="monthly-spend-chart" aria-label="Spend per month">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...points]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="period" tickFormatter={(p: string) => month(p, "short")} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={16} />
            <YAxis
              tickFormatter={(v: number) => f.moneyCompact(v)}
              tick={{ fontSize: 12, fill: "#475569" }}
              width={72}
              label={{ value: `Spend (${currency})`, angle: -90, position: "insideLeft", offset: 0, style: { fontSize: 12, fill: "#475569", textAnchor: "middle" } }}
            />
            <Tooltip
              labelFormatter={(p) => month(String(p), "long")}
              formatter={(value, _name, item) => {
                const orders = (item.payload as MonthlySpend).orders;
                return [`${f.money(Number(value))} in ${f.integer(orders)} ${orders === 1 ? "order" : "orders"}`, "Spend"];
              }}
            />
            <Bar dataKey="revenue" name="Spend" fill="#6366f1" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">Spend is the sum of this customer&rsquo;s purchase events per calendar month (UTC); returns are not subtracted.</figcaption>
    </figure>
  );
}
