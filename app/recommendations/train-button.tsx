"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { trainModelsAction } from "./actions";

interface Props {
  label: string;
  runningId: number | null;
  /** Event types in the data, with the weight each had in the last training (or its default). */
  types: { type: string; weight: number }[];
  halfLifeDays: number | null;
}

/** Weights per event type and an optional half-life, then training every recommender, followed to its end. */
export function TrainButton({ label, runningId, types, halfLifeDays }: Props) {
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const [weights, setWeights] = useState<Record<string, string>>(Object.fromEntries(types.map((t) => [t.type, String(t.weight)])));
  const [halfLife, setHalfLife] = useState(halfLifeDays === null ? "" : String(halfLifeDays));
  const train = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = Object.fromEntries(Object.entries(weights).map(([t, v]) => [t, v.trim() === "" ? 0 : Number(v)]));
    launch(() => trainModelsAction({ weights: types.length ? parsed : undefined, halfLifeDays: halfLife.trim() === "" ? undefined : Number(halfLife) }));
  };
  return (
    <form onSubmit={train} className="space-y-3" aria-label="Train the models">
      {types.length ? (
        <fieldset className="text-sm">
          <legend className="mb-1 font-medium">Weight of each event type (0 leaves it out)</legend>
          <div className="flex flex-wrap gap-3">
            {types.map((t) => (
              <label key={t.type} className="flex items-center gap-1">
                {t.type}
                <input type="number" min={0} step="any" value={weights[t.type] ?? ""} onChange={(e) => setWeights((w) => ({ ...w, [t.type]: e.target.value }))} className="w-20 rounded border border-slate-300 px-2 py-1" />
              </label>
            ))}
            <label className="flex items-center gap-1">
              Half-life in days (empty: old events count fully)
              <input type="number" min={1} value={halfLife} onChange={(e) => setHalfLife(e.target.value)} className="w-20 rounded border border-slate-300 px-2 py-1" />
            </label>
          </div>
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{label}</Button>
        {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
      </div>
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Training the models" /> : null}
    </form>
  );
}
