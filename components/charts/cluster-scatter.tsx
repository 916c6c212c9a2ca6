"use client";

import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

export const CLUSTER_COLOURS = ["#6366f1", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#a855f7", "#84cc16", "#ec4899", "#14b8a6", "#78716c"];

interface Props {
  points: [number, number, number][];
  names: string[];
  explained: [number, number];
}

/** A sample of customers on the first two principal components of the clustered features, one colour per cluster. */
export function ClusterScatter({ points, names, explained }: Props) {
  const axis = { fontSize: 12, fill: "#475569" };
  const series = names.map((name, j) => ({ name, data: points.filter((p) => p[2] === j).map(([x, y]) => ({ x, y })) }));
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <figure data-testid="cluster-scatter" aria-label="Customers on the two main directions of variation, coloured by cluster">
      <div className="h-80 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis type="number" dataKey="x" tick={axis} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: `Component 1 (${pct(explained[0])} of variance)`, position: "insideBottom", offset: -8, style: axis }} height={40} />
            <YAxis type="number" dataKey="y" tick={axis} width={48} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: `Component 2 (${pct(explained[1])})`, angle: -90, position: "insideLeft", style: { ...axis, textAnchor: "middle" } }} />
            <Tooltip formatter={(v) => Number(v).toFixed(2)} />
            <Legend />
            {series.map((s, j) => (
              <Scatter key={j} name={s.name} data={s.data} fill={CLUSTER_COLOURS[j % CLUSTER_COLOURS.length]} fillOpacity={0.6} isAnimationActive={false} shape="circle" />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        Each dot is a customer from a sample of {points.length.toLocaleString()}. The axes are the two directions along which the chosen features (after log1p and z-scoring) vary most, so customers close together behave alike.
      </figcaption>
    </figure>
  );
}
