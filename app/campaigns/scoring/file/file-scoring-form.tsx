"use client";

import { useMemo, useRef, useState, useTransition } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page-header";
import { createFormatters } from "@/lib/format";
import type { ScoringKind } from "@/lib/ml/scoring/model";
import type { UploadMeta } from "@/lib/services/import/uploads";
import type { FileInspection } from "@/lib/services/scoring/file-evaluation";
import { evaluateFileAction, inspectFileAction } from "./actions";
import { KIND_TEXT } from "./column-kinds";
import { ScoringFileUpload } from "./file-upload";

const field = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const caption = "flex flex-col text-sm";
const SHARES = [0.1, 0.2, 0.3, 0.4];

const without = (list: string[], name: string) => list.filter((x) => x !== name);
const toggled = (list: string[], name: string) => (list.includes(name) ? without(list, name) : [...list, name]);

/** Upload a CSV, say what to predict and with which columns, then start the evaluation and follow it. */
export function FileScoringForm({ maxMb, runningId, models: choices, locale, currency }: { maxMb: number; runningId: number | null; models: readonly { kind: ScoringKind; label: string }[]; locale: string; currency: string }) {
  const num = useMemo(() => createFormatters(locale, currency).integer, [locale, currency]);
  const [upload, setUpload] = useState<UploadMeta | null>(null);
  const [file, setFile] = useState<FileInspection | null>(null);
  // The last inspection asked for, so an answer about an earlier file or target is dropped.
  const asked = useRef("");
  const [inspectError, setInspectError] = useState<string | null>(null);
  const [inspecting, startInspect] = useTransition();
  const [positive, setPositive] = useState("");
  const [drop, setDrop] = useState<string[]>([]);
  const [categorical, setCategorical] = useState<string[]>([]);
  const [split, setSplit] = useState<"random" | "time">("random");
  const [timeColumn, setTimeColumn] = useState("");
  const [testShare, setTestShare] = useState(0.2);
  const [models, setModels] = useState<ScoringKind[]>(choices.map((m) => m.kind));
  const { runId, error, pending, launch } = useAnalysisRun(runningId);

  function inspect(uploadId: string, target?: string) {
    const key = `${uploadId}\u0000${target ?? ""}`;
    asked.current = key;
    startInspect(async () => {
      const r = await inspectFileAction({ uploadId, target });
      if (asked.current !== key) return;
      if (!r.ok) return setInspectError(r.message);
      const t = r.data.target.name;
      setInspectError(null);
      setFile(r.data);
      setPositive(r.data.target.positive ?? "");
      setDrop((d) => without(d, t));
      setCategorical((c) => without(c, t));
      setTimeColumn((c) => (c && c !== t ? c : (r.data.timeColumn ?? "")));
    });
  }

  function uploaded(u: UploadMeta) {
    setUpload(u);
    setFile(null);
    setDrop([]);
    setCategorical([]);
    setTimeColumn("");
    inspect(u.uploadId);
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!upload || !file) return;
    const settings = { uploadId: upload.uploadId, target: file.target.name, positive, drop, categorical: categorical.filter((c) => !drop.includes(c)), split, timeColumn: split === "time" && timeColumn ? timeColumn : undefined, testShare, seed: 42, models };
    launch(() => evaluateFileAction(settings));
  };
  const others = file?.columns.filter((c) => c.kind !== "target") ?? [];
  const problem = !file ? null : positive === "" ? "Choose the positive value of the target." : models.length === 0 ? "Pick at least one model." : null;

  return (
    <div className="space-y-4">
      <ScoringFileUpload maxMb={maxMb} disabled={pending || inspecting} onUploaded={uploaded} />
      {upload ? (
        <p className="text-sm text-slate-700" data-testid="scoring-file-name">
          Uploaded <strong>{upload.fileName}</strong>.{inspecting ? " Reading its first rows…" : ""}
        </p>
      ) : null}
      {inspectError ? <Notice tone="warning">{inspectError}</Notice> : null}
      {upload && file ? (
        <form onSubmit={submit} aria-label="Score the file" className="space-y-4">
          <div className="flex flex-wrap items-end gap-4">
            <label className={caption}>
              Target column
              <select value={file.target.name} onChange={(e) => inspect(upload.uploadId, e.target.value)} disabled={inspecting} className={field}>
                {file.columns.map((c) => (
                  <option key={c.name} value={c.name}>{c.name}</option>
                ))}
              </select>
            </label>
            <label className={caption}>
              Positive value (what you want to predict)
              <select value={positive} onChange={(e) => setPositive(e.target.value)} disabled={inspecting} className={field} aria-describedby="scoring-positive-help">
                {file.target.positive === null ? <option value="">Choose…</option> : null}
                {file.target.values.map((v) => (
                  <option key={v} value={v}>{v}</option>
                ))}
              </select>
            </label>
            <p id="scoring-positive-help" className="pb-1.5 text-xs text-slate-600">
              {file.wholeFile ? "Values in the file" : `Values seen in the first ${num(file.rowsRead)} rows`}{file.target.more ? " (the first 20)" : ""}; every other value counts as negative.
            </p>
          </div>
          <table className="text-sm" data-testid="scoring-file-columns">
            <caption className="mb-1 text-left text-sm font-semibold">
              The other columns{file.wholeFile ? "" : `, as read from the first ${num(file.rowsRead)} rows`}
            </caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-3 py-1.5 font-medium">Column</th>
                <th scope="col" className="px-3 py-1.5 font-medium">Holds</th>
                <th scope="col" className="px-3 py-1.5 font-medium">Leave out</th>
                <th scope="col" className="px-3 py-1.5 font-medium">Read as categories</th>
              </tr>
            </thead>
            <tbody>
              {others.map((c) => (
                <tr key={c.name} className="border-b border-slate-100">
                  <td className="px-3 py-1">{c.name}</td>
                  <td className="px-3 py-1 text-slate-600">{KIND_TEXT[c.kind]}</td>
                  <td className="px-3 py-1">
                    <input type="checkbox" aria-label={`Leave out ${c.name}`} checked={drop.includes(c.name)} onChange={() => setDrop((d) => toggled(d, c.name))} />
                  </td>
                  <td className="px-3 py-1">
                    {c.kind === "numeric" ? <input type="checkbox" aria-label={`Read ${c.name} as categories`} checked={categorical.includes(c.name)} disabled={drop.includes(c.name)} onChange={() => setCategorical((x) => toggled(x, c.name))} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-slate-600">Read numbers as categories when they are codes (a store number, a postcode); leave out ids and anything known only after the outcome.</p>
          <div className="flex flex-wrap items-end gap-4">
            <label className={caption}>
              Test on
              <select value={split} onChange={(e) => setSplit(e.target.value as typeof split)} className={field}>
                <option value="random">a random share (stratified)</option>
                <option value="time">the latest rows (time split)</option>
              </select>
            </label>
            {split === "time" ? (
              <label className={caption}>
                Order rows by
                <select value={timeColumn} onChange={(e) => setTimeColumn(e.target.value)} className={field}>
                  {file.timeColumn === null ? <option value="">their order in the file</option> : null}
                  {others.map((c) => (
                    <option key={c.name} value={c.name}>{c.name}</option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className={caption}>
              Test share
              <select value={testShare} onChange={(e) => setTestShare(Number(e.target.value))} className={field}>
                {SHARES.map((s) => (
                  <option key={s} value={s}>{Math.round(s * 100)}%</option>
                ))}
              </select>
            </label>
            <fieldset className="flex flex-wrap items-center gap-3 pb-1.5 text-sm">
              <legend className="sr-only">Models</legend>
              {choices.map((m) => (
                <label key={m.kind} className="flex items-center gap-1">
                  <input type="checkbox" checked={models.includes(m.kind)} onChange={() => setModels((x) => (x.includes(m.kind) ? x.filter((k) => k !== m.kind) : [...x, m.kind]))} />
                  {m.label}
                </label>
              ))}
            </fieldset>
            <Button type="submit" disabled={pending || inspecting || problem !== null}>
              Score the file
            </Button>
          </div>
          {problem ? <p className="text-sm text-slate-600">{problem}</p> : null}
        </form>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Scoring the file" /> : null}
    </div>
  );
}
