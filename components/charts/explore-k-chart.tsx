"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface Props {
  tried: { k: number; inertia: number; silhouette: number }[];
  chosen: number;
}

/** Inertia (left axis: lower is tighter) and silhouette (right axis: higher is better separated) for each k. */
export function ExploreKChart({ tried, chosen }: Props) {
  const axis = { fontSize: 12, fill: "#475569" };
  return (
    <figure data-testid="explore-k-chart" aria-label="Inertia and silhouette for each number of clusters">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={tried} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="k" tick={axis} label={{ value: "Number of clusters (k)", position: "insideBottom", offset: -4, style: axis }} height={40} />
            <YAxis yAxisId="inertia" tick={axis} width={64} tickFormatter={(v: number) => Intl.NumberFormat(undefined, { notation: "compact" }).format(v)} label={{ value: "Inertia", angle: -90, position: "insideLeft", style: { ...axis, textAnchor: "middle" } }} />
            <YAxis yAxisId="silhouette" orientation="right" tick={axis} width={56} domain={[0, "auto"]} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: "Silhouette", angle: 90, position: "insideRight", style: { ...axis, textAnchor: "middle" } }} />
            <Tooltip formatter={(value, name) => (name === "Silhouette" ? Number(value).toFixed(3) : Math.round(Number(value)).toLocaleString())} labelFormatter={(k) => `k = ${String(k)}`} />
            <Legend />
            <ReferenceLine yAxisId="inertia" x={chosen} stroke="#16a34a" strokeDasharray="4 2" label={{ value: `chosen k = ${chosen}`, position: "top", style: { fontSize: 12, fill: "#15803d" } }} />
            <Line yAxisId="inertia" dataKey="inertia" name="Inertia" stroke="#6366f1" strokeWidth={2} isAnimationActive={false} />
            <Line yAxisId="silhouette" dataKey="silhouette" name="Silhouette" stroke="#f59e0b" strokeWidth={2} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        Inertia always falls as k grows; where it stops falling steeply (the elbow) more clusters add little. Silhouette measures how well separated the clusters are (−1 to 1; silhouettes on a sample of 3,000 customers).
      </figcaption>
    </figure>
  );
}
