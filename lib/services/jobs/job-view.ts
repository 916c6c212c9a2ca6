// A job as the pages, the API and the CLI show it: one shape for every kind, with an import's file side
// beside it when it is one.
import { countQueuedBefore, findActiveJob, getJobRow, isFinishedStatus, type JobRow, type JobStatus, listJobRows } from "../../db/jobs";
import { type ImportJobView, loadImportJob } from "../import/imports";
import { jobKindSpec } from "./job-kinds";

export interface JobView {
  id: number;
  kind: string;
  /** What it does, in words: "Finding clusters". */
  label: string;
  status: JobStatus;
  isFinished: boolean;
  /** 0..1 */
  progress: number;
  progressNote: string | null;
  message: string | null;
  /** Queued jobs ahead of this one. */
  waitingFor: number;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds it has run (so far, while running). */
  seconds: number | null;
  import: ImportJobView | null;
}

async function toView(job: JobRow, now: number): Promise<JobView> {
  const ahead = job.status === "queued" ? await countQueuedBefore(job.id) : 0;
  const end = job.finishedAt?.getTime() ?? (job.status === "running" ? now : null);
  return {
    id: job.id,
    kind: job.kind,
    label: jobKindSpec(job.kind)?.label ?? job.kind,
    status: job.status,
    isFinished: isFinishedStatus(job.status),
    progress: job.status === "completed" ? 1 : job.progress,
    progressNote: job.status === "queued" ? (ahead === 0 ? "Waiting to start…" : `Waiting its turn: ${ahead} job${ahead === 1 ? "" : "s"} ahead…`) : job.progressNote,
    message: job.message,
    waitingFor: ahead,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    seconds: job.startedAt && end !== null ? Math.max(0, (end - job.startedAt.getTime()) / 1000) : null,
    import: job.kind === "import" ? await loadImportJob(job.id) : null,
  };
}

export async function loadJobView(id: number, now = Date.now()): Promise<JobView | null> {
  const job = await getJobRow(id);
  return job ? toView(job, now) : null;
}

export async function listJobViews(req: { kind?: string; take: number }, now = Date.now()): Promise<JobView[]> {
  return Promise.all((await listJobRows(req)).map((j) => toView(j, now)));
}

/** The newest queued or running job of a kind, for a page opened while one is under way. */
export async function activeJobView(kind: string): Promise<JobView | null> {
  const job = await findActiveJob(kind);
  return job ? toView(job, Date.now()) : null;
}
