"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { trainScoringAction } from "./actions";

const MODELS = [
  { kind: "logistic", label: "Logistic regression" },
  { kind: "gbt", label: "Gradient-boosted trees" },
  { kind: "forest", label: "Random forest" },
] as const;
type Kind = (typeof MODELS)[number]["kind"];
const select = "mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm";

/** What to predict, which models, how to hold rows out; starts the training job and follows it. */
export function ScoringTrainForm({ runningId }: { runningId: number | null }) {
  const [target, setTarget] = useState<"click" | "conversion">("click");
  const [split, setSplit] = useState<"time" | "random">("time");
  const [models, setModels] = useState<Kind[]>(MODELS.map((m) => m.kind));
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const toggle = (k: Kind) => setModels((m) => (m.includes(k) ? m.filter((x) => x !== k) : [...m, k]));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    launch(() => trainScoringAction({ target, split, models, testShare: 0.2, seed: 42 }));
  };
  return (
    <form onSubmit={submit} aria-label="Train the response models" className="space-y-3">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col">
          Predict
          <select value={target} onChange={(e) => setTarget(e.target.value as typeof target)} className={select}>
            <option value="click">whether an impression gets a click</option>
            <option value="conversion">whether a click converts</option>
          </select>
        </label>
        <label className="flex flex-col">
          Test on
          <select value={split} onChange={(e) => setSplit(e.target.value as typeof split)} className={select}>
            <option value="time">the latest 20% (time split)</option>
            <option value="random">a random 20% (stratified)</option>
          </select>
        </label>
        <fieldset className="flex flex-wrap items-center gap-3 pb-1.5">
          <legend className="sr-only">Models</legend>
          {MODELS.map((m) => (
            <label key={m.kind} className="flex items-center gap-1">
              <input type="checkbox" checked={models.includes(m.kind)} onChange={() => toggle(m.kind)} />
              {m.label}
            </label>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending || models.length === 0}>
          Train the models
        </Button>
      </div>
      {models.length === 0 ? <p className="text-sm text-slate-600">Pick at least one model.</p> : null}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Training the response models" /> : null}
    </form>
  );
}
