"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { measureUpliftAction } from "./actions";

const BASES = [
  { kind: "gbt", label: "gradient-boosted trees" },
  { kind: "logistic", label: "logistic regression" },
  { kind: "forest", label: "random forest" },
] as const;
const select = "mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm";

/** Which test, how long a purchase counts after assignment, which model inside; starts the job and follows it. */
export function UpliftForm({ tests, runningId }: { tests: string[]; runningId: number | null }) {
  const [testGroup, setTestGroup] = useState(tests[0] ?? "");
  const [windowDays, setWindowDays] = useState("14");
  const [base, setBase] = useState<(typeof BASES)[number]["kind"]>("gbt");
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    launch(() => measureUpliftAction({ testGroup, windowDays: Number(windowDays), base, testShare: 0.3, seed: 42 }));
  };
  return (
    <form onSubmit={submit} aria-label="Measure uplift" className="space-y-3">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col">
          Test
          <select value={testGroup} onChange={(e) => setTestGroup(e.target.value)} className={select}>
            {tests.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          A purchase counts for (days after assignment)
          <input type="number" min={1} max={90} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} className={`${select} w-24`} />
        </label>
        <label className="flex flex-col">
          Model inside
          <select value={base} onChange={(e) => setBase(e.target.value as typeof base)} className={select}>
            {BASES.map((b) => (
              <option key={b.kind} value={b.kind}>{b.label}</option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending || testGroup === ""}>
          Measure the uplift
        </Button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Measuring the campaign's uplift" /> : null}
    </form>
  );
}
