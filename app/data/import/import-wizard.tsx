"use client";

import { useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice, Section } from "@/components/ui/page-header";
import { checkMapping, type Mapping } from "@/lib/csv/header-match";
import type { ImportOptions } from "@/lib/csv/import-options";
import { type ImportKind, kindSpec } from "@/lib/csv/kinds";
import { createFormatters } from "@/lib/format";
import { analyseUploadAction, startImportAction } from "./actions";
import { ColumnMapping } from "./column-mapping";
import { FileDrop } from "./file-drop";
import { AnalysisWarnings, MappingProblems } from "./file-notes";
import { ImportRun } from "./import-run";
import { formatBytes } from "./job-text";
import { ReadSettings, type ReadSettingsValue } from "./read-settings";
import type { Uploaded } from "./upload-file";

type Pinned = Partial<Omit<ReadSettingsValue, "kind">> & { kind?: ImportKind };
interface Run {
  jobId: number;
  options: ImportOptions;
  /** The job's final status once it has one. */
  outcome: string | null;
}

/** The whole import journey on one page: upload, check how the file is read, map, dry-run, import. */
export function ImportWizard({ maxMb, locale, currency }: { maxMb: number; locale: string; currency: string }) {
  const num = useMemo(() => createFormatters(locale, currency).integer, [locale, currency]);
  const [file, setFile] = useState<Uploaded | null>(null);
  // The upload on screen, so an answer about a file the person has since replaced is dropped.
  const currentUpload = useRef<string | null>(null);
  const [detectedKind, setDetectedKind] = useState<ImportKind | null>(null);
  // Only the settings the person changed are sent back, so the rest are detected again for them.
  const [pinned, setPinned] = useState<Pinned>({});
  const [mapping, setMapping] = useState<Mapping>([]);
  const [mappingEdited, setMappingEdited] = useState(false);
  const [eventType, setEventType] = useState("");
  const [hashEmails, setHashEmails] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [analysing, startAnalysis] = useTransition();
  const [starting, startStarting] = useTransition();

  const analysis = file?.analysis ?? null;
  const settings: ReadSettingsValue | null = analysis
    ? { kind: analysis.kind, delimiter: analysis.delimiter, hasHeader: analysis.hasHeader, encoding: analysis.encoding, decimalComma: analysis.decimalComma, dateFormat: analysis.dateFormat, ...pinned }
    : null;
  const kind = settings?.kind ?? null;
  const problems = !analysis ? [] : kind ? checkMapping(kind, mapping, analysis.columns) : ["Choose what kind of data the file holds."];
  const running = run !== null && run.outcome === null;
  // A completed real import removes the upload: from then on only a new file can be imported.
  const imported = run?.outcome === "completed" && !run.options.dryRun;
  const needsEventType = kind === "events" && !mapping.includes("type");
  const busy = analysing || starting || running;

  function reset(u: Uploaded | null) {
    currentUpload.current = u?.upload.uploadId ?? null;
    setFile(u);
    setDetectedKind(u?.analysis.kind ?? null);
    setPinned({});
    setMapping(u?.analysis.mapping ?? []);
    setMappingEdited(false);
    setEventType("");
    setRun(null);
    setError(null);
  }

  function dropFinishedRun() {
    if (run?.outcome) setRun(null);
  }

  /** Reads the upload again with the pinned settings, and with the person's mapping when `mapping` is given. */
  function reanalyse(overrides: Pinned, mapping?: Mapping) {
    if (!file) return;
    startAnalysis(async () => {
      const r = await analyseUploadAction({ uploadId: file.upload.uploadId, overrides: { ...overrides, mapping } });
      if (currentUpload.current !== file.upload.uploadId) return;
      if (!r.ok) return setError(r.message);
      setError(null);
      setFile({ upload: file.upload, analysis: r.data });
      // The mapping shown is the person's own while they keep editing; a new layout brings a new suggestion.
      if (!mapping) setMapping(r.data.mapping);
    });
  }

  function changeSettings(patch: Partial<ReadSettingsValue>) {
    const next: Pinned = { ...pinned, ...patch, kind: patch.kind ?? pinned.kind };
    setPinned(next);
    dropFinishedRun();
    // Another kind or another column layout makes the old mapping meaningless; other settings keep it.
    const newLayout = "kind" in patch || "delimiter" in patch || "hasHeader" in patch;
    if (newLayout) setMappingEdited(false);
    reanalyse(next, !newLayout && mappingEdited ? mapping : undefined);
  }

  function changeMapping(next: Mapping) {
    setMapping(next);
    setMappingEdited(true);
    dropFinishedRun();
    // Warnings and date detection depend on the mapping: refresh them.
    reanalyse(pinned, next);
  }

  function start(options: ImportOptions) {
    if (!file) return;
    startStarting(async () => {
      const r = await startImportAction({ uploadId: file.upload.uploadId, options });
      if (!r.ok) return setError(r.message);
      setError(null);
      setRun({ jobId: r.data.jobId, options, outcome: null });
    });
  }

  function begin(dryRun: boolean) {
    if (!settings?.kind) return;
    start({ ...settings, kind: settings.kind, mapping, eventType: needsEventType && eventType.trim() ? eventType.trim() : undefined, dryRun, hashEmails: hashEmails && mapping.includes("email") });
  }

  return (
    <>
      <Section title="1. Choose a file" description="Exports from your shop, CRM or ad platforms. We show how we read the file before anything is written.">
        {file ? (
          <p className="mb-3 text-sm text-slate-700" data-testid="uploaded-file">
            Uploaded <strong>{file.upload.fileName}</strong> ({formatBytes(file.upload.bytes)}{file.analysis.isGzip ? ", gzip-compressed" : ""}). Choose another file to start again.
          </p>
        ) : null}
        <FileDrop maxMb={maxMb} disabled={running || starting} onUploaded={reset} />
      </Section>

      {file && analysis && settings && !imported ? (
        <Section title="2. We read this file as…" description="Check each setting; change anything we got wrong and the preview follows.">
          <ReadSettings value={settings} detectedKind={detectedKind} dateCandidates={analysis.dateFormatCandidates} disabled={busy} onChange={changeSettings} />
          <AnalysisWarnings warnings={analysis.warnings} />
          <h3 className="mt-6 text-sm font-semibold">Columns</h3>
          <p className="mb-2 text-sm text-slate-600">
            {kind ? `Each column feeds a field of ${kindSpec(kind).label.toLowerCase()}${kindSpec(kind).keepsAttributes ? ", is kept as an extra attribute" : ""} or is ignored.` : "Choose the kind of data first, then say what each column holds."}{" "}
            The first {num(analysis.preview.length)} rows of the file are shown, as text.
          </p>
          <ColumnMapping kind={kind} columns={analysis.columns} preview={analysis.preview} mapping={mapping} disabled={running || starting} onChange={changeMapping} />
          {needsEventType ? (
            <div className="mt-4">
              <label htmlFor="import-event-type" className="text-sm font-medium text-slate-700">Event type of every row</label>
              <input id="import-event-type" value={eventType} onChange={(e) => setEventType(e.target.value)} placeholder={mapping.includes("rating") ? "rating" : "purchase"} disabled={running || starting} className="mt-1 block w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
              <p className="mt-1 text-xs text-slate-600">No column holds the event type; leave empty for {mapping.includes("rating") ? "rating" : "purchase"}.</p>
            </div>
          ) : null}
          {mapping.includes("email") ? (
            <label className="mt-4 flex items-start gap-2 text-sm">
              <input type="checkbox" checked={hashEmails} onChange={(e) => setHashEmails(e.target.checked)} disabled={running || starting} className="mt-1" />
              <span>
                Store email addresses only as a keyed hash
                <span className="block text-xs text-slate-600">The address itself is never written; the same address in another file gives the same hash, so customers still match. Pages then show the hash, and audience exports cannot include the address.</span>
              </span>
            </label>
          ) : null}
          <MappingProblems problems={problems} />
        </Section>
      ) : null}

      {file ? (
        <Section title="3. Dry run and import" description="A dry run reads and checks every row and reports what an import would do, without changing your data.">
          {!imported ? (
            <div className="mb-4 flex flex-wrap items-center gap-3">
              <Button variant="secondary" disabled={busy || problems.length > 0} onClick={() => begin(true)}>Dry run</Button>
              <Button disabled={busy || problems.length > 0} onClick={() => begin(false)}>Import</Button>
              {problems.length > 0 ? <span className="text-sm text-slate-600">Fix the column mapping above first.</span> : null}
              {analysing ? <span className="text-sm text-slate-600">Reading the file again…</span> : null}
            </div>
          ) : null}
          {error ? <Notice tone="warning">{error}</Notice> : null}
          {run ? <ImportRun key={run.jobId} jobId={run.jobId} num={num} onFinished={(job) => setRun((r) => (r && r.jobId === job.id ? { ...r, outcome: job.status } : r))} /> : null}
          {run?.options.dryRun && run.outcome === "completed" ? (
            <div className="mt-4 flex flex-wrap items-center gap-3">
              <Button onClick={() => start({ ...run.options, dryRun: false })} disabled={busy}>Import for real</Button>
              <span className="text-sm text-slate-600">with the same settings and mapping.</span>
            </div>
          ) : null}
          {imported ? (
            <div className="mt-4">
              <Button variant="secondary" onClick={() => reset(null)}>Import another file</Button>
            </div>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
