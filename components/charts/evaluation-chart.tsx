"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface EvaluationBar {
  name: string;
  ndcg: number;
  precision: number;
  recall: number;
  map: number;
}

/** nDCG, precision, recall and MAP at k for each algorithm, side by side. */
export function EvaluationChart({ rows, k }: { rows: EvaluationBar[]; k: number }) {
  const axis = { fontSize: 12, fill: "#475569" };
  return (
    <figure data-testid="evaluation-chart" aria-label={`Ranking quality at ${k} for each algorithm`}>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="name" tick={axis} interval={0} height={40} />
            <YAxis tick={axis} width={48} tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip formatter={(v) => Number(v).toFixed(4)} />
            <Legend />
            <Bar dataKey="ndcg" name={`nDCG@${k}`} fill="#4f46e5" isAnimationActive={false} />
            <Bar dataKey="precision" name={`Precision@${k}`} fill="#f59e0b" isAnimationActive={false} />
            <Bar dataKey="recall" name={`Recall@${k}`} fill="#10b981" isAnimationActive={false} />
            <Bar dataKey="map" name={`MAP@${k}`} fill="#0ea5e9" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
