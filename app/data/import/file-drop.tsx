"use client";

import { useRef, useState, type DragEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/page-header";
import { formatBytes } from "./job-text";
import { type Uploaded, uploadFile } from "./upload-file";
import { type Sending, UploadProgress } from "./upload-progress";

const ACCEPT = ".csv,.tsv,.txt,.gz,text/csv,text/tab-separated-values,text/plain,application/gzip";

/** Step 1: a file picker that is also a drop zone; uploads with a progress bar and shows refusals. */
export function FileDrop({ maxMb, disabled, onUploaded }: { maxMb: number; disabled: boolean; onUploaded: (u: Uploaded) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; tone: "info" | "warning" } | null>(null);

  async function send(file: File) {
    setRefusal(null);
    if (file.size === 0) return setRefusal({ message: "The file is empty.", tone: "warning" });
    if (file.size > maxMb * 1024 * 1024) {
      return setRefusal({ message: `The file is ${formatBytes(file.size)}, larger than the ${maxMb} MB upload limit; import it with the CLI (npm run -s cli -- import …) or raise MARKETLENS_MAX_UPLOAD_MB.`, tone: "warning" });
    }
    const { done, abort } = uploadFile(file, (fraction) => setSending((s) => (s ? { ...s, fraction } : s)));
    setSending({ name: file.name, size: file.size, fraction: 0, abort });
    const outcome = await done;
    setSending(null);
    if (input.current) input.current.value = "";
    if (outcome.ok) onUploaded(outcome.data);
    else setRefusal({ message: outcome.message, tone: outcome.aborted ? "info" : "warning" });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file || disabled || sending) return;
    void send(file);
  }

  const busy = disabled || sending !== null;
  return (
    <div>
      <div
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed px-6 py-8 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
      >
        <input ref={input} id="import-file" type="file" accept={ACCEPT} disabled={busy} className="peer sr-only" onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])} />
        <label htmlFor="import-file" className={`${buttonClass("primary")} cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600 peer-disabled:cursor-not-allowed peer-disabled:bg-slate-300`}>
          Choose a file to import
        </label>
        <p className="mt-3 text-sm text-slate-600">or drop it here. CSV, TSV or text, gzip-compressed or not (.csv .tsv .txt .gz), up to {maxMb.toLocaleString("en-GB")} MB.</p>
        <p className="mt-1 text-xs text-slate-500">Nothing is written yet: you see how the file is read and check the columns first.</p>
      </div>
      {sending ? <UploadProgress sending={sending} /> : null}
      {refusal ? (
        <div className="mt-4">
          <Notice tone={refusal.tone}>{refusal.message}</Notice>
        </div>
      ) : null}
    </div>
  );
}
