// Stored results of analysis runs (segmentations, trained recommenders, evaluations), newest first per
// kind. A run is created "running", reports progress as it goes, and ends "completed" or "failed".
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export interface ModelRunRecord<T> {
  id: number;
  kind: string;
  parameters: unknown;
  result: T;
  finishedAt: Date;
}

export type RunStatus = "running" | "completed" | "failed";

export interface ModelRunStatus {
  id: number;
  kind: string;
  status: RunStatus;
  progress: number | null;
  progressNote: string | null;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  seconds: number | null;
}

/**
 * A running job that has not reported for this long died with its server. Generous, because one fit can
 * hold the event loop for a while (ALS over 100,000 customers takes about two minutes) and report nothing.
 */
export const RUN_SILENT_MS = 15 * 60_000;

const json = (v: object) => v as Prisma.InputJsonValue;

export async function saveModelRun(kind: string, parameters: object, result: object, startedAt: Date): Promise<number> {
  const row = await getDb().modelRun.create({
    data: { kind, status: "completed", parameters: json(parameters), model: json(result), startedAt, finishedAt: new Date() },
    select: { id: true },
  });
  return row.id;
}

/** A run waiting its turn: jobs run one at a time, and the silence check starts when it does. */
export async function createRunningModelRun(kind: string, parameters: object): Promise<number> {
  const now = new Date();
  const row = await getDb().modelRun.create({
    data: { kind, status: "queued", parameters: json(parameters), progress: 0, progressNote: "Waiting for another computation to finish…", startedAt: now, heartbeatAt: now },
    select: { id: true },
  });
  return row.id;
}

/** Claims a queued run for computing; false when it is no longer queued (failed at a restart, or taken). */
export async function markModelRunStarted(id: number): Promise<boolean> {
  const now = new Date();
  const r = await getDb().modelRun.updateMany({ where: { id, status: "queued" }, data: { status: "running", progressNote: "Starting…", startedAt: now, heartbeatAt: now } });
  return r.count === 1;
}

/** Fails a run only if it has not ended: a job process that died could not record its own outcome. */
export async function failUnfinishedModelRun(id: number, message: string): Promise<void> {
  await getDb().modelRun.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { status: "failed", message, finishedAt: new Date() } });
}

/** What a job runner needs to start a run: its kind and parameters. */
export async function getModelRunJob(id: number): Promise<{ kind: string; parameters: unknown; status: string } | null> {
  return getDb().modelRun.findUnique({ where: { id }, select: { kind: true, parameters: true, status: true } });
}

/** At server start nothing can be computing: runs left queued or running died with the last server. */
export async function failOrphanedModelRuns(): Promise<number> {
  const r = await getDb().modelRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "failed", message: "The server stopped while this was computing. Start it again.", finishedAt: new Date() } });
  return r.count;
}

// Progress and outcomes are written only while the run is running: a run failed meanwhile (a restart, a
// dead child) stays failed rather than coming back to life.
export async function reportModelRunProgress(id: number, progress: number, note: string): Promise<void> {
  await getDb().modelRun.updateMany({ where: { id, status: "running" }, data: { progress, progressNote: note, heartbeatAt: new Date() } });
}

export async function completeModelRun(id: number, result: object, metrics?: object): Promise<void> {
  await getDb().modelRun.updateMany({
    where: { id, status: "running" },
    data: { status: "completed", model: json(result), metrics: metrics ? json(metrics) : undefined, progress: 1, progressNote: null, finishedAt: new Date() },
  });
}

export async function failModelRun(id: number, message: string): Promise<void> {
  await getDb().modelRun.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { status: "failed", message, finishedAt: new Date() } });
}

/** Replaces the stored result of a finished run (e.g. cluster names edited by a person). */
export async function updateModelRunResult(id: number, result: object): Promise<void> {
  await getDb().modelRun.update({ where: { id }, data: { model: json(result) } });
}

export async function getModelRunStatus(id: number, now = Date.now()): Promise<ModelRunStatus | null> {
  const r = await getDb().modelRun.findUnique({
    where: { id },
    select: { id: true, kind: true, status: true, progress: true, progressNote: true, message: true, startedAt: true, finishedAt: true, heartbeatAt: true },
  });
  if (!r) return null;
  // A queued run is waiting, not silent: the queue (or a restart, see failOrphanedModelRuns) moves it on.
  const silent = r.status === "running" && (r.heartbeatAt?.getTime() ?? 0) < now - RUN_SILENT_MS;
  const status: RunStatus = silent ? "failed" : r.status === "completed" || r.status === "failed" ? r.status : "running";
  const end = r.finishedAt ?? (silent ? r.heartbeatAt : null);
  return {
    id: r.id,
    kind: r.kind,
    status,
    progress: r.progress,
    progressNote: r.progressNote,
    message: silent ? "The server stopped while this was computing. Start it again." : r.message,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: end?.toISOString() ?? null,
    seconds: r.startedAt ? ((end?.getTime() ?? now) - r.startedAt.getTime()) / 1000 : null,
  };
}

/** The newest run of a kind that is still running (and alive), for a page opened mid-computation. */
export async function runningModelRun(kind: string, now = Date.now()): Promise<ModelRunStatus | null> {
  const r = await getDb().modelRun.findFirst({ where: { kind, OR: [{ status: "queued" }, { status: "running", heartbeatAt: { gte: new Date(now - RUN_SILENT_MS) } }] }, orderBy: { id: "desc" }, select: { id: true } });
  return r ? getModelRunStatus(r.id, now) : null;
}

export async function modelRunById<T>(id: number): Promise<ModelRunRecord<T> | null> {
  const row = await getDb().modelRun.findFirst({ where: { id, status: "completed" }, select: { id: true, kind: true, parameters: true, model: true, finishedAt: true } });
  return row ? { id: row.id, kind: row.kind, parameters: row.parameters, result: row.model as T, finishedAt: row.finishedAt ?? new Date(0) } : null;
}

/** The newest completed run's id and end, without reading its (possibly large) stored model. */
export async function latestModelRunId(kind: string): Promise<{ id: number; finishedAt: Date } | null> {
  const row = await getDb().modelRun.findFirst({ where: { kind, status: "completed" }, orderBy: { id: "desc" }, select: { id: true, finishedAt: true } });
  return row ? { id: row.id, finishedAt: row.finishedAt ?? new Date(0) } : null;
}

export async function latestModelRun<T>(kind: string): Promise<ModelRunRecord<T> | null> {
  const row = await getDb().modelRun.findFirst({
    where: { kind, status: "completed" },
    orderBy: { id: "desc" },
    select: { id: true, kind: true, parameters: true, model: true, finishedAt: true },
  });
  return row ? { id: row.id, kind: row.kind, parameters: row.parameters, result: row.model as T, finishedAt: row.finishedAt ?? new Date(0) } : null;
}

/** When data last changed through an import: a stored analysis older than this is stale. */
export async function lastImportAt(): Promise<Date | null> {
  // Cancelled and failed imports keep what they committed, so they change the data too.
  const row = await getDb().importJob.findFirst({ where: { status: { in: ["completed", "cancelled", "failed"] }, dryRun: false, OR: [{ inserted: { gt: 0 } }, { updated: { gt: 0 } }] }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } });
  return row?.finishedAt ?? null;
}
