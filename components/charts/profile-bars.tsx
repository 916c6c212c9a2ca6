"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface Props {
  title: string;
  rows: { label: string; segment: number; base: number }[];
  /** What the shares are of, for the caption ("customers", "spend"). */
  of: string;
  testId?: string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The segment's share in each bucket beside all customers', so what sets it apart shows at a glance. */
export function ProfileBars({ title, rows, of, testId }: Props) {
  const axis = { fontSize: 11, fill: "#475569" };
  return (
    <figure data-testid={testId} aria-label={`${title}: segment against all customers`}>
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={axis} interval={0} height={36} />
            <YAxis tick={axis} width={40} tickFormatter={pct} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="segment" name="This segment" fill="#4f46e5" isAnimationActive={false} />
            <Bar dataKey="base" name="All customers" fill="#cbd5e1" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {rows.map((r) => `${r.label}: ${pct(r.segment)} of this segment's ${of}, ${pct(r.base)} of all`).join("; ")}
      </p>
    </figure>
  );
}
