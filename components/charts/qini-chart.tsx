"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface QiniSeries {
  name: string;
  points: { share: number; qini: number }[];
}

const COLOURS = ["#4f46e5", "#f59e0b", "#10b981"];

/**
 * Incremental buyers gained by targeting the top share of customers by predicted uplift, for each model,
 * beside random targeting (the straight line to the whole test's gain).
 */
export function QiniChart({ series }: { series: QiniSeries[] }) {
  const axis = { fontSize: 12, fill: "#475569" };
  const shares = [...new Set(series.flatMap((s) => s.points.map((p) => p.share)))].sort((a, b) => a - b);
  const end = series[0]?.points.at(-1)?.qini ?? 0;
  const rows = shares.map((share) => ({
    share,
    random: share * end,
    ...Object.fromEntries(series.map((s) => [s.name, s.points.find((p) => p.share === share)?.qini])),
  }));
  return (
    <figure data-testid="qini-chart" aria-label="Qini curve: incremental buyers by share of customers targeted">
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="share" type="number" domain={[0, 1]} tick={axis} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <YAxis tick={axis} width={48} tickFormatter={(v: number) => v.toFixed(0)} />
            <Tooltip formatter={(v) => Number(v).toFixed(1)} labelFormatter={(v) => `top ${Math.round(Number(v) * 100)}% targeted`} />
            <Legend />
            {series.map((s, i) => (
              <Line key={s.name} dataKey={s.name} stroke={COLOURS[i % COLOURS.length]} dot={false} connectNulls isAnimationActive={false} />
            ))}
            <Line dataKey="random" name="random targeting" stroke="#94a3b8" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
