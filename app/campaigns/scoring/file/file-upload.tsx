"use client";

import { useRef, useState } from "react";
import { Notice } from "@/components/ui/page-header";
import { formatBytes } from "@/app/data/import/job-text";
import { uploadFile } from "@/app/data/import/upload-file";
import { type Sending, UploadProgress } from "@/app/data/import/upload-progress";
import type { UploadMeta } from "@/lib/services/import/uploads";

const ACCEPT = ".csv,.tsv,.txt,.gz,text/csv,text/tab-separated-values,text/plain,application/gzip";

/** A file input that sends the file to the import uploads (kept for a day), with its progress and refusals. */
export function ScoringFileUpload({ maxMb, disabled, onUploaded }: { maxMb: number; disabled: boolean; onUploaded: (u: UploadMeta) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function send(file: File) {
    setRefusal(null);
    if (file.size === 0) return setRefusal("The file is empty.");
    if (file.size > maxMb * 1024 * 1024) {
      return setRefusal(`The file is ${formatBytes(file.size)}, larger than the ${maxMb} MB upload limit; score it with the CLI (npm run -s cli -- eval-scoring --file …) or raise MARKETLENS_MAX_UPLOAD_MB.`);
    }
    const { done, abort } = uploadFile(file, (fraction) => setSending((s) => (s ? { ...s, fraction } : s)));
    setSending({ name: file.name, size: file.size, fraction: 0, abort });
    const outcome = await done;
    setSending(null);
    if (input.current) input.current.value = "";
    if (outcome.ok) onUploaded(outcome.data.upload);
    else if (!outcome.aborted) setRefusal(outcome.message);
  }

  return (
    <div>
      <label htmlFor="scoring-file" className="block text-sm font-medium text-slate-700">
        CSV file
      </label>
      <input
        ref={input}
        id="scoring-file"
        type="file"
        accept={ACCEPT}
        disabled={disabled || sending !== null}
        aria-describedby="scoring-file-help"
        onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])}
        className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-100"
      />
      <p id="scoring-file-help" className="mt-1 text-xs text-slate-600">
        CSV, TSV or text, gzip-compressed or not, up to {maxMb.toLocaleString("en-GB")} MB. It is kept for a day, so you can score it again with other settings.
      </p>
      {sending ? <UploadProgress sending={sending} /> : null}
      {refusal ? (
        <div className="mt-3">
          <Notice tone="warning">{refusal}</Notice>
        </div>
      ) : null}
    </div>
  );
}
