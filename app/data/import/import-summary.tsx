"use client";

import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/page-header";
import { describeDetails, type ImportJobJson } from "./job-text";

const COUNTS = [
  { key: "rowsRead", label: "Rows read" },
  { key: "inserted", label: "Inserted" },
  { key: "updated", label: "Updated" },
  { key: "unchanged", label: "Unchanged" },
  { key: "rejected", label: "Rejected" },
] as const;

/** What a finished import did, in counts and words, with the first refused rows and their reasons. */
export function ImportSummary({ job, num }: { job: ImportJobJson; num: (n: number) => string }) {
  const details = describeDetails(job.details, num);
  return (
    <div className="mt-5 space-y-4" data-testid="import-summary">
      {job.status === "failed" || job.status === "cancelled" ? <Notice tone="warning">{job.message ?? `The import was ${job.status}.`}</Notice> : null}
      {job.dryRun && job.status === "completed" ? (
        <Notice>Dry run: nothing was written. These are the counts a real import of this file would give.</Notice>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Import counts">
        {COUNTS.map((c) => (
          <div key={c.key} data-testid={`import-${c.key}`} className={`rounded-md border px-3 py-2 ${c.key === "rejected" && job.rejected > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200"}`}>
            <dt className="text-xs font-medium text-slate-600">{job.dryRun && c.key !== "rowsRead" ? `Would be ${c.label.toLowerCase()}` : c.label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{num(job[c.key])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">
        Unchanged rows were already there exactly as in the file, so importing the same file twice never duplicates anything.
      </p>
      {details.length ? (
        <div>
          <h3 className="text-sm font-semibold">Along the way</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {job.rejected > 0 ? (
        <div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="text-sm font-semibold">
              {job.errors.length < job.rejected ? `The first ${num(job.errors.length)} of ${num(job.rejected)} refused rows` : `The ${num(job.rejected)} refused ${job.rejected === 1 ? "row" : "rows"}`}
            </h3>
            {job.hasErrorsFile ? (
              <a href={`/api/imports/${job.id}/rejected`} download className={buttonClass("secondary")}>
                Download rejected rows
              </a>
            ) : null}
          </div>
          <p className="mt-1 text-sm text-slate-600">
            The download holds every refused row as it was in your file, after its line number and the reason. Fix them, then import that file as it is: its line, column and reason columns are ignored, and rows already imported are not imported twice.
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="import-errors">
              <caption className="sr-only">Refused rows with the reason</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="px-3 py-2 text-right font-medium">Line</th>
                  <th scope="col" className="px-3 py-2 font-medium">Column</th>
                  <th scope="col" className="px-3 py-2 font-medium">Reason</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e, i) => (
                  <tr key={`${e.line}-${i}`} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1.5 text-right tabular-nums">{e.line}</td>
                    <td className="px-3 py-1.5">{e.column ?? "–"}</td>
                    <td className="px-3 py-1.5">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
