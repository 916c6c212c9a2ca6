import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/page-header";
import { isImportKind, kindSpec } from "@/lib/csv/kinds";
import type { JobStatus } from "@/lib/db/jobs";
import type { ImportJobView } from "@/lib/services/import/imports";
import { fmt } from "../../formatting";
import { formatDuration, STATUS_LABELS } from "./job-text";

const STATUS_TONE: Record<JobStatus, string> = {
  completed: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
  cancelled: "bg-amber-50 text-amber-900",
  running: "bg-sky-50 text-sky-800",
  queued: "bg-slate-100 text-slate-700",
};

const count = (key: "rowsRead" | "inserted" | "updated" | "unchanged", header: string): Column<ImportJobView> => ({
  header,
  align: "right",
  render: (j) => fmt.integer(j[key]),
});

const COLUMNS: readonly Column<ImportJobView>[] = [
  { header: "File", render: (j) => <span className="block max-w-64 truncate font-medium" title={j.fileName}>{j.fileName}</span> },
  { header: "Kind", render: (j) => (isImportKind(j.kind) ? kindSpec(j.kind).label : j.kind) },
  {
    header: "Status",
    render: (j) => (
      <div className="max-w-sm">
        <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[j.status] ?? ""}`}>{STATUS_LABELS[j.status] ?? j.status}</span>
        {j.dryRun ? <span className="ml-1.5 whitespace-nowrap rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-600">Dry run</span> : null}
        {(j.status === "failed" || j.status === "cancelled") && j.message ? <p className="mt-1 text-xs text-slate-600">{j.message}</p> : null}
      </div>
    ),
  },
  count("rowsRead", "Read"),
  count("inserted", "Inserted"),
  count("updated", "Updated"),
  count("unchanged", "Unchanged"),
  {
    header: "Rejected",
    align: "right",
    render: (j) => (
      <span className="whitespace-nowrap">
        {fmt.integer(j.rejected)}
        {j.hasErrorsFile ? (
          <a href={`/api/imports/${j.id}/rejected`} download className="ml-2 text-indigo-700 underline hover:text-indigo-900" aria-label={`Download the ${fmt.integer(j.rejected)} rejected rows of ${j.fileName} (import ${j.id})`}>
            Download
          </a>
        ) : null}
      </span>
    ),
  },
  { header: "Took", align: "right", render: (j) => <span className="whitespace-nowrap">{formatDuration(j.seconds)}</span> },
  { header: "Started", render: (j) => <span className="whitespace-nowrap">{fmt.dateTime(j.startedAt ?? j.createdAt)}</span> },
];

/** Every recent import with its outcome; server-rendered, refreshed by the page when a job finishes. */
export function ImportHistory({ jobs }: { jobs: readonly ImportJobView[] }) {
  if (jobs.length === 0) {
    return <EmptyState title="No imports yet">Choose or drop a file above. Each import, dry runs included, is listed here with its counts and its refused rows.</EmptyState>;
  }
  return <DataTable caption="Recent imports, newest first" columns={COLUMNS} rows={jobs} rowKey={(j) => j.id} path="/data/import" params={{}} testId="import-history" />;
}
