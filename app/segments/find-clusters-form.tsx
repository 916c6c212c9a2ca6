"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { FEATURE_SOURCE, FEATURES, type FeatureId, featureLabel, type FeatureSource } from "@/lib/ml/customer-features";
import { findClustersAction } from "./actions";

const GROUPS: { source: FeatureSource; title: string }[] = [
  { source: "purchases", title: "Purchases" },
  { source: "engagement", title: "Campaign engagement" },
  { source: "demographics", title: "Demographics" },
  { source: "categories", title: "Share of spend" },
];

interface Props {
  /** Features of the last run, checked by default. */
  initial: readonly FeatureId[];
  /** Main categories by revenue, offered as share-of-spend features. */
  categories: readonly string[];
  /** A run already in progress when the page was opened. */
  runningId: number | null;
  label: string;
}

/** Pick the features and k, start the clustering, and follow it with a progress bar. */
export function FindClustersForm({ initial, categories, runningId, label }: Props) {
  const [chosen, setChosen] = useState<Set<FeatureId>>(new Set(initial));
  const [k, setK] = useState("auto");
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const options: Record<FeatureSource, FeatureId[]> = { purchases: [], engagement: [], demographics: [], categories: categories.map((c) => `share:${c}` as const) };
  for (const f of FEATURES) options[FEATURE_SOURCE[f]].push(f);
  const toggle = (f: FeatureId) => setChosen((s) => (s.has(f) ? new Set([...s].filter((x) => x !== f)) : new Set([...s, f])));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    launch(() => findClustersAction({ k: k === "auto" ? "auto" : Number(k), features: [...chosen] }));
  };
  const running = runId !== null;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Find clusters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {GROUPS.map((g) => (
          <fieldset key={g.source} className="text-sm">
            <legend className="mb-1 font-medium">{g.title}</legend>
            {options[g.source].length === 0 ? <p className="text-xs text-slate-500">No categories with purchases yet.</p> : null}
            {options[g.source].map((f) => (
              <label key={f} className="flex items-center gap-2 py-0.5">
                <input type="checkbox" checked={chosen.has(f)} onChange={() => toggle(f)} />
                {featureLabel(f)}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          Number of clusters{" "}
          <select value={k} onChange={(e) => setK(e.target.value)} className="ml-1 rounded border border-slate-300 px-2 py-1">
            <option value="auto">Suggest one (try 2 to 10)</option>
            {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending || chosen.size === 0}>
          {label}
        </Button>
        {chosen.size === 0 ? <span className="text-sm text-slate-600">Choose at least one feature.</span> : null}
        {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
      </div>
      {running ? <RunProgress key={runId} runId={runId} label="Finding clusters" /> : null}
    </form>
  );
}
