"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { evaluateAction } from "./actions";

interface Props {
  algorithms: { name: string; summary: string }[];
  /** Suggested test start for a time split: 30 days before the last event. */
  defaultTestFrom: string;
  runningId: number | null;
}

/** Choose the split, relevance, k and algorithms; run the evaluation and follow it. */
export function EvaluateForm({ algorithms, defaultTestFrom, runningId }: Props) {
  const [split, setSplit] = useState<"user" | "time">("time");
  const [testFrom, setTestFrom] = useState(defaultTestFrom);
  const [relevance, setRelevance] = useState<"new-items" | "all">("new-items");
  const [k, setK] = useState(10);
  const [chosen, setChosen] = useState(new Set(algorithms.map((a) => a.name)));
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    launch(() => evaluateAction({ split, testFrom: split === "time" ? testFrom : undefined, relevance, k, algorithms: [...chosen] }));
  };
  const toggle = (a: string) => setChosen((s) => (s.has(a) ? new Set([...s].filter((x) => x !== a)) : new Set([...s, a])));
  return (
    <form onSubmit={submit} aria-label="Evaluate recommenders" className="space-y-3 text-sm">
      <div className="flex flex-wrap items-end gap-4">
        <fieldset>
          <legend className="mb-1 font-medium">Split</legend>
          <label className="mr-3"><input type="radio" name="split" checked={split === "time"} onChange={() => setSplit("time")} /> At a date</label>
          <label><input type="radio" name="split" checked={split === "user"} onChange={() => setSplit("user")} /> 25% of each customer&rsquo;s items, at random</label>
        </fieldset>
        {split === "time" ? (
          <label className="flex flex-col">
            Test from
            <input type="date" value={testFrom} onChange={(e) => setTestFrom(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1" />
          </label>
        ) : null}
        <fieldset>
          <legend className="mb-1 font-medium">What counts as a hit</legend>
          <label className="mr-3"><input type="radio" name="relevance" checked={relevance === "new-items"} onChange={() => setRelevance("new-items")} /> New items only</label>
          <label><input type="radio" name="relevance" checked={relevance === "all"} onChange={() => setRelevance("all")} /> All purchases (repeats count)</label>
        </fieldset>
        <label className="flex flex-col">
          k
          <input type="number" min={1} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} className="w-20 rounded-md border border-slate-300 px-2 py-1" />
        </label>
      </div>
      <fieldset>
        <legend className="mb-1 font-medium">Algorithms</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {algorithms.map((a) => (
            <label key={a.name} title={a.summary}>
              <input type="checkbox" checked={chosen.has(a.name)} onChange={() => toggle(a.name)} /> {a.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || chosen.size === 0}>Evaluate</Button>
        {error ? <span role="alert" className="text-red-700">{error}</span> : null}
      </div>
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Evaluating" /> : null}
    </form>
  );
}
