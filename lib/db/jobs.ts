// The one table of background jobs (imports, clustering, training, evaluation, and the kinds to come).
// lib/services/jobs/runner.ts drives them; this file only reads and writes rows, all through Prisma except
// the import's per-batch progress, which rides in the batch's own transaction (lib/db/import-progress.ts).
//
// Every write that moves a job on names the status it expects, so a job failed meanwhile (its process was
// found dead, or it was cancelled while queued) never comes back to life.
import { configuredProvider } from "../env";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export const JOB_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const isJobStatus = (s: string): s is JobStatus => (JOB_STATUSES as readonly string[]).includes(s);
export const isFinishedStatus = (s: JobStatus) => s === "completed" || s === "failed" || s === "cancelled";

/** Who runs a job: the host name and process id, so a runner on this machine can tell a dead process at once. */
export interface RunnerId {
  host: string;
  pid: number;
}

export interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  parameters: unknown;
  progress: number;
  progressNote: string | null;
  message: string | null;
  cancelRequested: boolean;
  runnerHost: string | null;
  runnerPid: number | null;
  heartbeatAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const ROW = {
  id: true,
  kind: true,
  status: true,
  parameters: true,
  progress: true,
  progressNote: true,
  message: true,
  cancelRequested: true,
  runnerHost: true,
  runnerPid: true,
  heartbeatAt: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

function toRow<R extends { status: string }>(r: R): Omit<R, "status"> & { status: JobStatus } {
  // A status this version does not know (a newer version's) reads as failed rather than as running forever.
  return { ...r, status: isJobStatus(r.status) ? r.status : "failed" };
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

export interface NewImportRow {
  kind: string;
  fileName: string;
  dryRun: boolean;
  bytesTotal: number;
}

/** Queues a job (and, for an import, its file row in the same transaction); returns its id. */
export async function insertJob(kind: string, parameters: object, importRow?: NewImportRow): Promise<number> {
  const row = await getDb().job.create({
    data: { kind, parameters: json(parameters), progressNote: "Waiting its turn…", ...(importRow ? { import: { create: importRow } } : {}) },
    select: { id: true },
  });
  return row.id;
}

export async function getJobRow(id: number): Promise<JobRow | null> {
  const r = await getDb().job.findUnique({ where: { id }, select: ROW });
  return r ? toRow(r) : null;
}

export async function listJobRows(req: { kind?: string; take: number }): Promise<JobRow[]> {
  const rows = await getDb().job.findMany({ where: req.kind ? { kind: req.kind } : {}, orderBy: { id: "desc" }, take: req.take, select: ROW });
  return rows.map(toRow);
}

/** Queued jobs older than this one: how many wait ahead of it. */
export async function countQueuedBefore(id: number): Promise<number> {
  return getDb().job.count({ where: { status: "queued", id: { lt: id } } });
}

export async function findRunningJobs(): Promise<JobRow[]> {
  return (await getDb().job.findMany({ where: { status: "running" }, orderBy: { id: "asc" }, select: ROW })).map(toRow);
}

/** The newest queued or running job of a kind, for a page opened while one is under way. */
export async function findActiveJob(kind: string): Promise<JobRow | null> {
  const r = await getDb().job.findFirst({ where: { kind, status: { in: ["queued", "running"] } }, orderBy: { id: "desc" }, select: ROW });
  return r ? toRow(r) : null;
}

/**
 * Claims the oldest queued job for `runner`, unless a job is running already: jobs run one at a time per
 * database, whichever process (server, its child, the CLI) asks. One UPDATE, so two processes asking at
 * once cannot both win: SQLite serialises writers, and the status test in the WHERE makes the loser's
 * update touch nothing. (PostgreSQL, a later issue, will pick with FOR UPDATE SKIP LOCKED instead.)
 */
export async function claimOldestQueuedJob(runner: RunnerId, now = new Date()): Promise<{ id: number; kind: string } | null> {
  const db = getDb();
  // PostgreSQL: any number of runners (app instances, `npm run worker` on any machine) each take the oldest
  // job nobody holds; the row lock makes two claims of one job impossible, and SKIP LOCKED lets a second
  // runner pass a row the first is claiming instead of waiting for it. Each runner runs one job at a time.
  if (configuredProvider() === "postgresql") {
    const rows = await db.$queryRaw<{ id: number; kind: string }[]>`UPDATE "Job" SET "status" = 'running', "runnerHost" = ${runner.host}, "runnerPid" = ${runner.pid},
        "progressNote" = 'Starting…', "startedAt" = ${now}, "heartbeatAt" = ${now}
      WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'queued' ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "id", "kind"`;
    return rows[0] ?? null;
  }
  // SQLite has one writer: one job at a time in the whole installation.
  // Reads first: a write would wait on a running import's batch lock (up to the busy timeout, holding this
  // process's event loop), and while any job runs there is nothing to claim anyway.
  if (await db.job.findFirst({ where: { status: "running" }, select: { id: true } })) return null;
  const next = await db.job.findFirst({ where: { status: "queued" }, orderBy: { id: "asc" }, select: { id: true, kind: true } });
  if (!next) return null;
  // startedAt and heartbeatAt in the same statement: a runner checking for dead jobs in between must not
  // see a running job that has never beaten.
  const claimed = await db.$executeRaw`UPDATE "Job" SET "status" = 'running', "runnerHost" = ${runner.host}, "runnerPid" = ${runner.pid}, "progressNote" = 'Starting…',
      "startedAt" = ${now}, "heartbeatAt" = ${now}
    WHERE "id" = ${next.id} AND "status" = 'queued' AND NOT EXISTS (SELECT 1 FROM "Job" WHERE "status" = 'running')`;
  return claimed === 1 ? next : null;
}

/** The process that runs a claimed job (a child of the one that claimed it) puts its own pid on it. */
export async function setJobRunner(id: number, runner: RunnerId): Promise<boolean> {
  const r = await getDb().job.updateMany({ where: { id, status: "running" }, data: { runnerHost: runner.host, runnerPid: runner.pid, heartbeatAt: new Date() } });
  return r.count === 1;
}

/** Records progress and proves the job alive; answers whether someone asked to cancel it. */
export async function reportJobProgress(id: number, progress: number | null, note: string | null): Promise<{ running: boolean; cancelRequested: boolean }> {
  const db = getDb();
  const data = { heartbeatAt: new Date(), ...(progress === null ? {} : { progress }), ...(note === null ? {} : { progressNote: note }) };
  const r = await db.job.updateMany({ where: { id, status: "running" }, data });
  if (r.count === 0) return { running: false, cancelRequested: false };
  const row = await db.job.findUnique({ where: { id }, select: { cancelRequested: true } });
  return { running: true, cancelRequested: row?.cancelRequested ?? false };
}

export async function completeJobRow(id: number, result: object | null, metrics?: object, message: string | null = null): Promise<boolean> {
  const r = await getDb().job.updateMany({
    where: { id, status: "running" },
    data: { status: "completed", result: result === null ? undefined : json(result), metrics: metrics ? json(metrics) : undefined, message, progress: 1, progressNote: null, finishedAt: new Date() },
  });
  return r.count === 1;
}

/** Ends a job that has not ended yet as failed or cancelled, with the reason for the person. */
export async function endJobRow(id: number, status: "failed" | "cancelled", message: string): Promise<boolean> {
  const r = await getDb().job.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { status, message, progressNote: null, finishedAt: new Date() } });
  return r.count === 1;
}

/**
 * A queued job is cancelled at once; a running one is asked to stop and stops at its next progress report
 * (an import after its current batch, keeping what it committed). Returns what happened.
 */
export async function requestJobCancel(id: number): Promise<"cancelled" | "requested" | "finished" | "missing"> {
  const db = getDb();
  const queued = await db.job.updateMany({ where: { id, status: "queued" }, data: { status: "cancelled", message: "Cancelled before it started.", progressNote: null, finishedAt: new Date() } });
  if (queued.count === 1) return "cancelled";
  const running = await db.job.updateMany({ where: { id, status: "running" }, data: { cancelRequested: true } });
  if (running.count === 1) return "requested";
  return (await db.job.findUnique({ where: { id }, select: { id: true } })) ? "finished" : "missing";
}

/** A finished job's stored result: `unknown` until read through its kind's shape (lib/stored-json.ts). */
export interface JobResultRow<T = unknown> {
  id: number;
  kind: string;
  parameters: unknown;
  result: T;
  finishedAt: Date;
}

const RESULT = { id: true, kind: true, parameters: true, result: true, finishedAt: true } as const;
const toResult = (r: { id: number; kind: string; parameters: unknown; result: unknown; finishedAt: Date | null }): JobResultRow => ({ ...r, finishedAt: r.finishedAt ?? new Date(0) });

/** A completed job's stored result. */
export async function getJobResult(id: number): Promise<JobResultRow | null> {
  const r = await getDb().job.findFirst({ where: { id, status: "completed" }, select: RESULT });
  return r ? toResult(r) : null;
}

/** The newest completed job of a kind, with its result. */
export async function getLatestJobResult(kind: string): Promise<JobResultRow | null> {
  const r = await getDb().job.findFirst({ where: { kind, status: "completed" }, orderBy: { id: "desc" }, select: RESULT });
  return r ? toResult(r) : null;
}

/** The newest completed job's id and end, without reading its (possibly large) result. */
export async function getLatestJobId(kind: string): Promise<{ id: number; finishedAt: Date } | null> {
  const r = await getDb().job.findFirst({ where: { kind, status: "completed" }, orderBy: { id: "desc" }, select: { id: true, finishedAt: true } });
  return r ? { id: r.id, finishedAt: r.finishedAt ?? new Date(0) } : null;
}

/** The ids of the newest `take` completed jobs of a kind, newest first. */
export async function completedJobIds(kind: string, take: number): Promise<number[]> {
  if (take <= 0) return [];
  const rows = await getDb().job.findMany({ where: { kind, status: "completed" }, orderBy: { id: "desc" }, take, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Replaces the stored result of a finished job (cluster names edited by a person). */
export async function updateJobResult(id: number, result: object): Promise<void> {
  await getDb().job.update({ where: { id }, data: { result: json(result) } });
}
